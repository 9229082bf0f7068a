import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { useTestServer } from './test-support/test-server';

describe('fair standard queues (MessageGroupId on a standard queue)', () => {
  const env = useTestServer();
  const { sqs, queue } = env;

  const receive = async (url: string, max = 10, visibility?: number) =>
    (
      await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: max,
          VisibilityTimeout: visibility,
          MessageSystemAttributeNames: ['All'],
        }),
      )
    ).Messages ?? [];
  const counts = async (url: string) => {
    const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })))
      .Attributes!;
    return {
      visible: Number(a.ApproximateNumberOfMessages),
      inFlight: Number(a.ApproximateNumberOfMessagesNotVisible),
      delayed: Number(a.ApproximateNumberOfMessagesDelayed),
    };
  };
  async function sendMany(url: string, group: string | undefined, count: number, prefix = group ?? 'plain') {
    for (let i = 0; i < count; i += 10) {
      const entries = Array.from({ length: Math.min(10, count - i) }, (_, j) => ({
        Id: `e${j}`,
        MessageBody: `${prefix}-${i + j}`,
        ...(group ? { MessageGroupId: group } : {}),
      }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
    }
  }

  it("delivers quiet groups' messages at once despite a noisy group's backlog sent before them", async () => {
    const url = await queue('fair-noisy');
    await sendMany(url, 'noisy', 500);
    for (let q = 1; q <= 5; q++)
      await sqs.send(
        new SendMessageCommand({ QueueUrl: url, MessageBody: `quiet-${q}`, MessageGroupId: `quiet-${q}` }),
      );
    const first = await receive(url, 10);
    expect(first.map((m) => m.Body).filter((b) => b!.startsWith('quiet'))).toHaveLength(5);
    expect(first[0].Attributes?.MessageGroupId).toBeDefined();
    expect(await counts(url)).toEqual({ visible: 495, inFlight: 10, delayed: 0 });
  });

  it('finds a receivable group behind many groups whose messages are all delayed', async () => {
    const url = await queue('fair-delayed-groups');
    for (let i = 0; i < 200; i += 10) {
      const entries = Array.from({ length: 10 }, (_, j) => ({
        Id: `e${j}`,
        MessageBody: `later-${i + j}`,
        MessageGroupId: `later-${i + j}`,
        DelaySeconds: 600,
      }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
    }
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'now', MessageGroupId: 'ready' }));
    expect(await counts(url)).toEqual({ visible: 1, inFlight: 0, delayed: 200 });
    expect((await receive(url, 10)).map((m) => m.Body)).toEqual(['now']);
    expect(await counts(url)).toEqual({ visible: 0, inFlight: 1, delayed: 200 });
  });

  it('lets a later message of a group go first while an earlier one of the same group is delayed', async () => {
    const url = await queue('fair-delay-in-group');
    await sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', MessageGroupId: 'g', DelaySeconds: 600 }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'now', MessageGroupId: 'g' }));
    expect((await receive(url, 10)).map((m) => m.Body)).toEqual(['now']);
  });

  it('shares receives between messages without a group and grouped ones', async () => {
    const url = await queue('fair-mixed');
    await sendMany(url, undefined, 50);
    await sendMany(url, 'tenant', 50);
    const got = await receive(url, 10);
    const plain = got.filter((m) => m.Body!.startsWith('plain')).length;
    expect(plain).toBeGreaterThanOrEqual(4);
    expect(plain).toBeLessThanOrEqual(6);
  });

  it('puts a grouped message back in its lane when its visibility timeout ends, and counts it', async () => {
    const url = await queue('fair-visibility');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'again', MessageGroupId: 'g' }));
    const [m] = await receive(url, 1);
    expect(await counts(url)).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    expect(await receive(url, 1)).toHaveLength(0);
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: m.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    expect(await counts(url)).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    const [again] = await receive(url, 1, 0);
    expect(again.MessageId).toBe(m.MessageId);
    expect(again.Attributes?.ApproximateReceiveCount).toBe('2');
    // A visibility timeout of 0 lets it come straight back on the next receive.
    expect((await receive(url, 10)).map((x) => x.MessageId)).toEqual([m.MessageId]);
  });

  it('dead-letters grouped messages and purges lanes', async () => {
    await queue('fair-dlq');
    const url = await queue('fair-src', {
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:fair-dlq',
        maxReceiveCount: 1,
      }),
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison', MessageGroupId: 'g' }));
    await receive(url, 1, 0);
    expect(await receive(url, 10)).toHaveLength(0);
    const dead = await receive(`${env.server.url}/000000000000/fair-dlq`, 10);
    expect(dead.map((m) => [m.Body, m.Attributes?.MessageGroupId])).toEqual([['poison', 'g']]);
    await sendMany(url, 'h', 20);
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    expect(await receive(url, 10)).toHaveLength(0);
    expect(await counts(url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('hands every message to exactly one of 16 concurrent consumers, none lost', async () => {
    const url = await queue('fair-concurrent', { VisibilityTimeout: '120' });
    for (let g = 0; g < 8; g++) await sendMany(url, `g${g}`, 100, `g${g}`);
    await sendMany(url, undefined, 200);
    const seen = new Map<string, number>();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (;;) {
          const got = await receive(url, 10);
          if (got.length === 0) return;
          for (const m of got) seen.set(m.Body!, (seen.get(m.Body!) ?? 0) + 1);
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: url,
              Entries: got.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
            }),
          );
        }
      }),
    );
    expect(seen.size).toBe(1000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(await counts(url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });
});
