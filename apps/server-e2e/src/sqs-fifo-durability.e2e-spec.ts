import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { useServerProcess } from './test-support/server-process';

const GROUPS = 64;
const MESSAGES = 10_000;
const CONSUMERS = 16;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries a call while the server is down; FIFO de-duplication ids make a repeated send harmless. */
async function retrying<T>(call: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (e) {
      const name = (e as Error).name;
      if (['InvalidParameterValue', 'QueueDoesNotExist', 'MissingParameter'].includes(name)) throw e;
      await pause(100);
    }
  }
}

describe('FIFO ordering across a SIGKILL of the server', () => {
  const env = useServerProcess();
  const { sqs } = env;

  it('keeps every group in order and loses nothing when the server is killed half-way', async () => {
    const url = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'killed.fifo',
          Attributes: { FifoQueue: 'true', VisibilityTimeout: '2' },
        }),
      )
    ).QueueUrl!;
    const countOf = (g: number) => Math.floor(MESSAGES / GROUPS) + (g < MESSAGES % GROUPS ? 1 : 0);

    const producers = Array.from({ length: 8 }, async (_, p) => {
      const mine: string[] = [];
      for (let i = 0; i < MESSAGES; i++)
        if ((i % GROUPS) % 8 === p) mine.push(`${i % GROUPS}:${Math.floor(i / GROUPS)}`);
      for (let i = 0; i < mine.length; i += 10) {
        const entries = mine.slice(i, i + 10).map((body, j) => ({
          Id: `e${j}`,
          MessageBody: body,
          MessageGroupId: `g${body.split(':')[0]}`,
          MessageDeduplicationId: body.replace(':', '-'),
        }));
        const result = await retrying(() =>
          sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries })),
        );
        expect(result.Failed ?? []).toEqual([]);
      }
    });

    // Per group, the next message number not yet seen: a larger one arriving first breaks the order.
    const next = new Map<number, number>();
    const violations: string[] = [];
    const seen = new Set<string>();
    let killed = false;
    let restarted: Promise<void> | undefined;
    let done = false;
    const consumers = Array.from({ length: CONSUMERS }, async () => {
      while (!done) {
        const got = await retrying(() =>
          sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })),
        ).catch(() => ({ Messages: [] }));
        for (const m of got.Messages ?? []) {
          const [group, seq] = m.Body!.split(':').map(Number);
          const expected = next.get(group) ?? 0;
          if (seq > expected)
            violations.push(`group ${group}: got ${seq} while ${expected} was not yet delivered`);
          if (seq === expected) next.set(group, expected + 1);
          seen.add(m.Body!);
        }
        if (!killed && seen.size >= MESSAGES / 2) {
          killed = true;
          await env.server.kill('SIGKILL');
          restarted = env.server.start();
        }
        if (got.Messages?.length) {
          await sqs
            .send(
              new DeleteMessageBatchCommand({
                QueueUrl: url,
                Entries: got.Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
              }),
            )
            .catch(() => undefined);
        }
      }
    });

    await Promise.all(producers);
    for (let i = 0; i < 600 && seen.size < MESSAGES; i++) await pause(100);
    await restarted;
    // Drain: wait until nothing is left visible or in flight.
    for (let i = 0; i < 100; i++) {
      const attrs = await retrying(() =>
        sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })),
      );
      if (
        attrs.Attributes?.ApproximateNumberOfMessages === '0' &&
        attrs.Attributes?.ApproximateNumberOfMessagesNotVisible === '0'
      )
        break;
      await pause(200);
    }
    done = true;
    await Promise.all(consumers);

    expect(killed).toBe(true);
    expect(violations).toEqual([]);
    expect(seen.size).toBe(MESSAGES);
    for (let g = 0; g < GROUPS; g++) expect(next.get(g)).toBe(countOf(g));
  }, 180_000);
});
