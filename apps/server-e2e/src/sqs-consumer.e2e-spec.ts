import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { Consumer } from 'sqs-consumer';
import { startTestServer, type TestServer } from './test-support/test-server';

describe('SQS standard queues through sqs-consumer', () => {
  let server: TestServer;
  let sqs: SQSClient;
  const running: Consumer[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    sqs = server.sqs();
  });
  afterEach(() => {
    for (const c of running.splice(0)) c.stop({ abort: true });
  });
  afterAll(() => server.close());

  async function queue(name: string, attributes: Record<string, string> = {}): Promise<string> {
    return (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
  }

  async function sendAll(url: string, bodies: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < bodies.length; i += 10) {
      const chunk = bodies.slice(i, i + 10);
      const out = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: chunk.map((b, j) => ({ Id: `m${j}`, MessageBody: b })),
        }),
      );
      expect(out.Failed ?? []).toEqual([]);
      ids.push(...out.Successful!.map((e) => e.MessageId!));
    }
    return ids;
  }

  function consume(
    url: string,
    handle: (m: Message) => Promise<Message | undefined>,
    options: Partial<Parameters<typeof Consumer.create>[0]> = {},
  ) {
    const errors: Error[] = [];
    const processed: string[] = [];
    const consumer = Consumer.create({
      queueUrl: url,
      sqs,
      waitTimeSeconds: 1,
      batchSize: 10,
      handleMessage: handle,
      ...options,
    });
    consumer.on('error', (e) => errors.push(e));
    consumer.on('processing_error', (e) => errors.push(e));
    consumer.on('message_processed', (m) => processed.push(m.MessageId!));
    running.push(consumer);
    consumer.start();
    return { consumer, errors, processed };
  }

  async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function counts(url: string) {
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    );
    return out.Attributes;
  }

  const empty = {
    ApproximateNumberOfMessages: '0',
    ApproximateNumberOfMessagesNotVisible: '0',
    ApproximateNumberOfMessagesDelayed: '0',
  };

  it('three competing consumers handle each of 120 messages exactly once and delete them', async () => {
    const url = await queue('consumer-many');
    const bodies = Array.from({ length: 120 }, (_, i) => `job-${i}`);
    const ids = await sendAll(url, bodies);
    const handled = new Map<string, number>();
    const handle = async (m: Message) => {
      handled.set(m.Body!, (handled.get(m.Body!) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      return m;
    };
    const consumers = [consume(url, handle), consume(url, handle), consume(url, handle)];
    await until(() => consumers.reduce((n, c) => n + c.processed.length, 0) >= bodies.length, 20_000);

    expect([...handled.keys()].sort()).toEqual([...bodies].sort());
    expect([...handled.values()].every((n) => n === 1)).toBe(true);
    expect(consumers.flatMap((c) => c.processed).sort()).toEqual([...ids].sort());
    expect(consumers.flatMap((c) => c.errors)).toEqual([]);
    // Every consumer got a share: receives really compete rather than one consumer draining all.
    for (const c of consumers) expect(c.processed.length).toBeGreaterThan(0);
    expect(await counts(url)).toEqual(empty);
    expect(
      (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages,
    ).toBeUndefined();
  });

  it('redelivers a message whose handler failed, after the consumer releases it', async () => {
    const url = await queue('consumer-retry');
    await sendAll(url, ['ok-1', 'flaky', 'ok-2']);
    const attempts = new Map<string, string[]>();
    const { processed, errors } = consume(
      url,
      async (m) => {
        attempts.set(m.Body!, [...(attempts.get(m.Body!) ?? []), m.Attributes!.ApproximateReceiveCount!]);
        if (m.Body === 'flaky' && attempts.get('flaky')!.length === 1) throw new Error('transient failure');
        return m;
      },
      { terminateVisibilityTimeout: true, messageSystemAttributeNames: ['ApproximateReceiveCount'] },
    );
    await until(() => processed.length >= 3, 10_000);
    expect(Object.fromEntries(attempts)).toEqual({ 'ok-1': ['1'], 'ok-2': ['1'], flaky: ['1', '2'] });
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('transient failure')]);
    expect(await counts(url)).toEqual(empty);
  });

  it('keeps a slow message hidden past its visibility timeout by heartbeats that extend it', async () => {
    const url = await queue('consumer-heartbeat', { VisibilityTimeout: '2' });
    await sendAll(url, ['slow']);
    const handled: string[] = [];
    let seenByOthers: Message[] | undefined = [];
    const { processed, errors } = consume(
      url,
      async (m) => {
        handled.push(m.Body!);
        await new Promise((r) => setTimeout(r, 2_300));
        // Past the 2 s the receive granted: only the heartbeats keep the message hidden now.
        seenByOthers = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 0 })))
          .Messages;
        // Ends between heartbeats, so no heartbeat races the delete.
        await new Promise((r) => setTimeout(r, 200));
        return m;
      },
      { visibilityTimeout: 2, heartbeatInterval: 1, batchSize: 1 },
    );
    await until(() => processed.length >= 1, 10_000);
    expect(seenByOthers).toBeUndefined();
    expect(handled).toEqual(['slow']);
    expect(errors).toEqual([]);
    expect(await counts(url)).toEqual(empty);
  });
});
