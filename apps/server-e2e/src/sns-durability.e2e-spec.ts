import { randomUUID } from 'node:crypto';
import { CreateTopicCommand, PublishBatchCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { ServerProcess } from './test-support/server-process';
import { freePort, testRedisUrl } from './test-support/test-server';

const MESSAGES = 10_000;
const QUEUES = ['dur-a', 'dur-b', 'dur-c'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The gateways and the executor as separate processes on one Redis: messages published through the
 * topic gateway are fanned out by the executor, which is SIGKILLed in the middle of the work and
 * replaced. Every queue must end up with every message (duplicates are allowed and reported).
 */
describe('SNS durability: a SIGKILLed executor loses no delivery', () => {
  const prefix = `sns${randomUUID().slice(0, 8)}`;
  const processes: ServerProcess[] = [];
  const clients: { destroy(): void }[] = [];
  let queues: ServerProcess;
  let topics: ServerProcess;

  const start = async (app: string) => {
    const p = new ServerProcess(await freePort(), testRedisUrl(), prefix, {}, app);
    await p.start();
    processes.push(p);
    return p;
  };
  const settings = (p: ServerProcess) => ({
    endpoint: p.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDDUR', secretAccessKey: 'secret' },
    maxAttempts: 3,
  });

  beforeAll(async () => {
    [queues, topics] = await Promise.all([start('queue-gateway'), start('topic-gateway')]);
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
  });

  it('delivers every one of 10,000 published messages to each of three queues across an executor SIGKILL', async () => {
    const sqs = new SQSClient(settings(queues));
    const sns = new SNSClient(settings(topics));
    clients.push(sqs, sns);
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: 'durable' }))).TopicArn!;
    const urls: string[] = [];
    for (const name of QUEUES) {
      urls.push((await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!);
      await sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'sqs',
          Endpoint: `arn:aws:sqs:us-east-1:000000000000:${name}`,
          Attributes: { RawMessageDelivery: 'true' },
        }),
      );
    }
    for (let n = 0; n < MESSAGES; n += 10) {
      const entries = Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, Message: `m${n + i}` }));
      const out = await sns.send(
        new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries }),
      );
      expect(out.Failed ?? []).toEqual([]);
    }

    // The executor starts on a full backlog and is killed as soon as it is well into it.
    const depth = async () =>
      Number(
        (
          await sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: urls[0],
              AttributeNames: ['ApproximateNumberOfMessages'],
            }),
          )
        ).Attributes!.ApproximateNumberOfMessages,
      );
    const first = await start('executor');
    while ((await depth()) < 500) await sleep(20);
    await first.kill('SIGKILL');
    const deliveredBeforeKill = await depth();
    process.stdout.write(`${JSON.stringify({ deliveredToFirstQueueBeforeKill: deliveredBeforeKill })}\n`);
    expect(deliveredBeforeKill).toBeLessThan(MESSAGES);
    const second = await start('executor');

    const received = await Promise.all(urls.map((url) => drain(sqs, url)));
    await second.kill('SIGTERM');
    for (const [i, bodies] of received.entries()) {
      const unique = new Set(bodies);
      const missing = Array.from({ length: MESSAGES }, (_, n) => `m${n}`).filter((b) => !unique.has(b));
      process.stdout.write(
        `${JSON.stringify({ queue: QUEUES[i], received: bodies.length, unique: unique.size, duplicates: bodies.length - unique.size })}\n`,
      );
      expect(missing).toEqual([]);
    }
  }, 240_000);
});

/**
 * Receives and deletes until every one of the messages has come (or 90 s passed), then 2 s more to
 * catch late duplicates.
 */
async function drain(sqs: SQSClient, url: string): Promise<string[]> {
  const bodies: string[] = [];
  const unique = new Set<string>();
  const deadline = Date.now() + 90_000;
  let doneAt: number | undefined;
  while (Date.now() < deadline && (doneAt === undefined || Date.now() - doneAt < 2_000)) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    const messages = out.Messages ?? [];
    for (const m of messages) {
      bodies.push(m.Body!);
      unique.add(m.Body!);
    }
    if (doneAt === undefined && unique.size >= MESSAGES) doneAt = Date.now();
    if (messages.length === 0) continue;
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
  return bodies;
}
