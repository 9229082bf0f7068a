import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { ServerProcess } from './test-support/server-process';
import { freePort, testRedisUrl } from './test-support/test-server';

const PRODUCERS = 4;
const CONSUMERS = 3;
const VISIBILITY_TIMEOUT = 2;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SQS durability: a SIGKILLed server loses nothing it acknowledged', () => {
  let server: ServerProcess;
  const clients: SQSClient[] = [];

  const client = () => {
    const c = new SQSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDLOAD', secretAccessKey: 'secret' },
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = new ServerProcess(await freePort(), testRedisUrl(), `dur${randomUUID().slice(0, 8)}`);
    await server.start();
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await server?.kill('SIGTERM');
  });

  it('keeps every acknowledged message across a SIGKILL in the middle of concurrent sends, receives and deletes', async () => {
    const admin = client();
    const queueUrl = (
      await admin.send(
        new CreateQueueCommand({
          QueueName: 'durable',
          Attributes: { VisibilityTimeout: String(VISIBILITY_TIMEOUT) },
        }),
      )
    ).QueueUrl!;

    /** MessageId → body, for every message a successful send acknowledged. */
    const acked = new Map<string, string>();
    const attemptedBodies = new Set<string>();
    /** Messages a DeleteMessageBatch reported as deleted. */
    const deleted = new Set<string>();
    /** Messages whose delete was sent but never answered: deleted or not, both are fine. */
    const deleteUnanswered = new Set<string>();
    let failedCalls = 0;
    let stop = false;
    let killed = false;
    let failedCallsAfterKill = 0;
    const failed = () => {
      failedCalls++;
      if (killed) failedCallsAfterKill++;
    };

    const producer = async (p: number) => {
      const sqs = client();
      for (let n = 0; !stop;) {
        const entries = Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, MessageBody: `p${p}-${n++}` }));
        entries.forEach((e) => attemptedBodies.add(e.MessageBody));
        try {
          const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
          for (const s of out.Successful ?? [])
            acked.set(s.MessageId!, entries.find((e) => e.Id === s.Id)!.MessageBody);
        } catch {
          failed();
          await sleep(20);
        }
      }
    };

    const consumer = async () => {
      const sqs = client();
      while (!stop) {
        try {
          const got = await sqs.send(
            new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
          );
          const messages = got.Messages ?? [];
          if (messages.length === 0) continue;
          const byEntry = new Map(messages.map((m, i) => [`d${i}`, m.MessageId!]));
          messages.forEach((m) => deleteUnanswered.add(m.MessageId!));
          const out = await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
          for (const s of out.Successful ?? []) {
            deleted.add(byEntry.get(s.Id!)!);
            deleteUnanswered.delete(byEntry.get(s.Id!)!);
          }
          for (const f of out.Failed ?? []) deleteUnanswered.delete(byEntry.get(f.Id!)!);
        } catch {
          failed();
          await sleep(20);
        }
      }
    };

    const load = [
      ...Array.from({ length: PRODUCERS }, (_, p) => producer(p)),
      ...Array.from({ length: CONSUMERS }, () => consumer()),
    ];

    const deadline = Date.now() + 15_000;
    while ((acked.size < 400 || deleted.size < 100) && Date.now() < deadline) await sleep(10);
    expect({
      failedCallsBeforeKill: failedCalls,
      enoughLoad: acked.size >= 400 && deleted.size >= 100,
    }).toEqual({
      failedCallsBeforeKill: 0,
      enoughLoad: true,
    });

    killed = true;
    await server.kill('SIGKILL');
    // Clients keep calling the dead server for a moment, as they would in production.
    await sleep(300);
    stop = true;
    await Promise.all(load);
    expect(failedCallsAfterKill).toBeGreaterThan(0);

    await server.start();
    const drain = client();
    const attrs = await drain.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['VisibilityTimeout'] }),
    );
    expect(attrs.Attributes?.VisibilityTimeout).toBe(String(VISIBILITY_TIMEOUT));

    const drained = new Map<string, string>();
    const drainDeadline = Date.now() + 30_000;
    for (;;) {
      if (Date.now() > drainDeadline) throw new Error(`drain did not finish; ${drained.size} drained so far`);
      const got = await drain.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      const messages = got.Messages ?? [];
      if (messages.length > 0) {
        messages.forEach((m) => drained.set(m.MessageId!, m.Body!));
        const out = await drain.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
        expect(out.Failed ?? []).toEqual([]);
        continue;
      }
      const counts = await drain.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      if (Object.values(counts.Attributes ?? {}).every((v) => v === '0')) break;
    }

    const lost = [...acked.keys()].filter(
      (id) => !drained.has(id) && !deleted.has(id) && !deleteUnanswered.has(id),
    );
    expect({ lost: lost.slice(0, 20), lostCount: lost.length }).toEqual({ lost: [], lostCount: 0 });
    // What comes back is what was sent: bodies match their acknowledged ids, nothing unknown appears.
    for (const [id, body] of drained) {
      if (acked.has(id)) expect(body).toBe(acked.get(id));
      else expect(attemptedBodies.has(body)).toBe(true);
    }
    // Sanity of the run itself: the kill really interrupted work in every state.
    expect(acked.size).toBeGreaterThanOrEqual(400);
    expect(deleted.size).toBeGreaterThanOrEqual(100);
    expect(drained.size).toBeGreaterThan(0);
  }, 90_000);
});
