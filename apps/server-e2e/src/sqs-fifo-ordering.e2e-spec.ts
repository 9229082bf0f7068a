import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { startTestServer, type TestServer } from './test-support/test-server';

const GROUPS = 64;
const MESSAGES = 10_000;
const CONSUMERS = 16;

describe('FIFO ordering under concurrency', () => {
  let server: TestServer;
  let sqs: SQSClient;

  beforeAll(async () => {
    server = await startTestServer();
    sqs = server.sqs();
  });
  afterAll(() => server.close());

  it(`delivers ${MESSAGES} messages in ${GROUPS} groups to ${CONSUMERS} consumers in per-group order, each once`, async () => {
    const url = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'ordering.fifo',
          Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '120' },
        }),
      )
    ).QueueUrl!;
    // Message i belongs to group i % 64 and is that group's message number floor(i / 64).
    const countOf = (g: number) => Math.floor(MESSAGES / GROUPS) + (g < MESSAGES % GROUPS ? 1 : 0);
    // Producers: one per 8 groups, each sending its groups' messages in order, in batches of 10.
    const producers = Array.from({ length: 8 }, async (_, p) => {
      const queue: { group: number; seq: number }[] = [];
      for (let i = 0; i < MESSAGES; i++)
        if ((i % GROUPS) % 8 === p) queue.push({ group: i % GROUPS, seq: Math.floor(i / GROUPS) });
      for (let i = 0; i < queue.length; i += 10) {
        const entries = queue.slice(i, i + 10).map(({ group, seq }, j) => ({
          Id: `e${j}`,
          MessageBody: `${group}:${seq}`,
          MessageGroupId: `g${group}`,
        }));
        const r = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
        expect(r.Failed ?? []).toEqual([]);
      }
    });
    const received = new Map<number, number[]>();
    let total = 0;
    let producing = true;
    const consumers = Array.from({ length: CONSUMERS }, async () => {
      while (total < MESSAGES) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: url,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: producing ? 1 : 0,
          }),
        );
        for (const m of Messages) {
          const [group, seq] = m.Body!.split(':').map(Number);
          const list = received.get(group) ?? [];
          list.push(seq);
          received.set(group, list);
          total++;
        }
        if (Messages.length) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: url,
              Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
            }),
          );
        } else if (!producing) {
          break;
        }
      }
    });
    await Promise.all(producers);
    producing = false;
    await Promise.all(consumers);
    expect(total).toBe(MESSAGES);
    for (let g = 0; g < GROUPS; g++)
      expect(received.get(g)).toEqual(Array.from({ length: countOf(g) }, (_, i) => i));
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(attrs.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  }, 120_000);
});
