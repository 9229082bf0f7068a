import { useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

let queueCount = 0;

async function queueWith(count: number): Promise<string> {
  const url = await app().createQueue(`purge-${++queueCount}`);
  for (let i = 0; i < count; i++) await app().ok('SendMessage', { QueueUrl: url, MessageBody: `m${i}` });
  return url;
}

async function counts(url: string) {
  return app().attributes(url, [
    'ApproximateNumberOfMessages',
    'ApproximateNumberOfMessagesNotVisible',
    'ApproximateNumberOfMessagesDelayed',
  ]);
}

const empty = {
  ApproximateNumberOfMessages: '0',
  ApproximateNumberOfMessagesNotVisible: '0',
  ApproximateNumberOfMessagesDelayed: '0',
};

describe('PurgeQueue', () => {
  it('deletes visible, in-flight and delayed messages', async () => {
    const url = await queueWith(3);
    await app().ok('SendMessage', { QueueUrl: url, MessageBody: 'later', DelaySeconds: 60 });
    await app().ok('ReceiveMessage', { QueueUrl: url });
    expect(await app().json('PurgeQueue', { QueueUrl: url })).toEqual({ status: 200, body: {} });
    expect(await counts(url)).toEqual(empty);
  });

  it('allows one purge per 60 seconds, answering PurgeQueueInProgress (403) in between', async () => {
    const url = await queueWith(1);
    await app().ok('PurgeQueue', { QueueUrl: url });
    await app().ok('SendMessage', { QueueUrl: url, MessageBody: 'after the purge' });
    app().clock.advanceSeconds(59);
    expect(await app().json('PurgeQueue', { QueueUrl: url })).toMatchObject({
      status: 403,
      code: 'PurgeQueueInProgress',
      queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress',
      message: 'Only one PurgeQueue operation on the queue is allowed every 60 seconds.',
    });
    expect((await counts(url)).ApproximateNumberOfMessages).toBe('1');
    app().clock.advanceSeconds(1);
    expect((await app().json('PurgeQueue', { QueueUrl: url })).status).toBe(200);
    expect(await counts(url)).toEqual(empty);
  });

  it('counts the 60 seconds per queue', async () => {
    const first = await queueWith(1);
    const second = await queueWith(1);
    await app().ok('PurgeQueue', { QueueUrl: first });
    expect((await app().json('PurgeQueue', { QueueUrl: second })).status).toBe(200);
  });

  it('purges a FIFO queue and frees its groups for new messages', async () => {
    const url = await app().createQueue('purge-groups.fifo', { ContentBasedDeduplication: 'true' });
    await app().ok('SendMessage', { QueueUrl: url, MessageBody: 'a', MessageGroupId: 'g' });
    await app().ok('ReceiveMessage', { QueueUrl: url });
    await app().ok('PurgeQueue', { QueueUrl: url });
    await app().ok('SendMessage', { QueueUrl: url, MessageBody: 'b', MessageGroupId: 'g' });
    const out = await app().ok('ReceiveMessage', { QueueUrl: url });
    expect(out.Messages.map((m: { Body: string }) => m.Body)).toEqual(['b']);
  });

  it('answers QueueDoesNotExist for a queue that does not exist', async () => {
    expect(await app().json('PurgeQueue', { QueueUrl: app().queueUrl('purge-missing') })).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
    });
  });
});
