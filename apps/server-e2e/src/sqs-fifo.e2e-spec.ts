import {
  ChangeMessageVisibilityCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { Clock } from '@switchyard/runtime';
import { startTestServer, type TestServer } from './test-support/test-server';

describe('SQS FIFO queues through @aws-sdk/client-sqs', () => {
  let server: TestServer;
  let sqs: SQSClient;
  let offsetMs = 0;

  beforeAll(async () => {
    server = await startTestServer();
    sqs = server.sqs();
    const clock = server.running.app.get(Clock);
    clock.now = () => Date.now() + offsetMs;
  });
  afterAll(() => server.close());
  afterEach(() => {
    offsetMs = 0;
  });

  async function fifo(name: string, attributes: Record<string, string> = {}): Promise<string> {
    return (
      await sqs.send(
        new CreateQueueCommand({ QueueName: name, Attributes: { FifoQueue: 'true', ...attributes } }),
      )
    ).QueueUrl!;
  }

  const receive = async (url: string, max = 10, extra: Record<string, unknown> = {}) =>
    (
      await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: max,
          MessageSystemAttributeNames: ['All'],
          ...extra,
        }),
      )
    ).Messages ?? [];

  it('creates FIFO queues with AWS defaults and refuses mismatched names and attributes', async () => {
    const url = await fifo('orders.fifo');
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(attrs.Attributes).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      DeduplicationScope: 'queue',
      FifoThroughputLimit: 'perQueue',
    });
    await expect(sqs.send(new CreateQueueCommand({ QueueName: 'plain.fifo' }))).rejects.toMatchObject({
      name: 'InvalidAttributeValue',
    });
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: 'plain', Attributes: { FifoQueue: 'true' } })),
    ).rejects.toMatchObject({
      name: 'InvalidAttributeValue',
    });
    await expect(
      sqs.send(
        new CreateQueueCommand({ QueueName: 'plain2', Attributes: { ContentBasedDeduplication: 'true' } }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAttributeName' });
  });

  it('requires a group id and a de-duplication id, and refuses per-message delays', async () => {
    const url = await fifo('rules.fifo');
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageDeduplicationId: 'd' })),
    ).rejects.toMatchObject({
      name: 'MissingParameter',
    });
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: 'x',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd',
          DelaySeconds: 5,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    expect(await receive(url)).toHaveLength(0);
  });

  it('de-duplicates by id within 5 minutes, returning the original MessageId and SequenceNumber', async () => {
    const url = await fifo('dedup.fifo');
    const first = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'one',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd1',
      }),
    );
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    const again = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'one',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd1',
      }),
    );
    expect(again).toMatchObject({ MessageId: first.MessageId, SequenceNumber: first.SequenceNumber });
    offsetMs = 4 * 60 * 1000;
    const stillDuplicate = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'one',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd1',
      }),
    );
    expect(stillDuplicate.MessageId).toBe(first.MessageId);
    offsetMs = 5 * 60 * 1000 + 1000;
    const fresh = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'one',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd1',
      }),
    );
    expect(fresh.MessageId).not.toBe(first.MessageId);
    expect(BigInt(fresh.SequenceNumber!)).toBeGreaterThan(BigInt(first.SequenceNumber!));
    const got = await receive(url);
    expect(got.map((m) => m.MessageId)).toEqual([first.MessageId, fresh.MessageId]);
  });

  it('de-duplicates by content when ContentBasedDeduplication is on, within and across batches', async () => {
    const url = await fifo('content.fifo', { ContentBasedDeduplication: 'true' });
    const batch = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'same', MessageGroupId: 'g' },
          { Id: 'b', MessageBody: 'same', MessageGroupId: 'g' },
          { Id: 'c', MessageBody: 'other', MessageGroupId: 'g' },
        ],
      }),
    );
    const ids = Object.fromEntries(batch.Successful!.map((e) => [e.Id, e.MessageId]));
    expect(ids.a).toBe(ids.b);
    expect(ids.c).not.toBe(ids.a);
    const got = await receive(url);
    expect(got.map((m) => m.Body)).toEqual(['same', 'other']);
    expect(got[0].Attributes?.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('delivers a group in order and blocks it while a message is in flight', async () => {
    const url = await fifo('groups.fifo', { ContentBasedDeduplication: 'true' });
    for (const [group, body] of [
      ['A', 'a1'],
      ['A', 'a2'],
      ['B', 'b1'],
      ['A', 'a3'],
    ]) {
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: group }));
    }
    const first = await receive(url, 1);
    expect(first.map((m) => m.Body)).toEqual(['a1']);
    expect(first[0].Attributes).toMatchObject({ MessageGroupId: 'A' });
    expect((await receive(url, 10)).map((m) => m.Body)).toEqual(['b1']);
    expect(await receive(url, 10)).toHaveLength(0);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first[0].ReceiptHandle }));
    const rest = await receive(url, 10);
    expect(rest.map((m) => m.Body)).toEqual(['a2', 'a3']);
    // Releasing one message while another of its group is still in flight keeps the group blocked.
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: rest[0].ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    expect((await receive(url, 10)).map((m) => m.Body)).toEqual([]);
  });

  it('wakes a long poll as soon as a delete releases the group it waits on', async () => {
    const url = await fifo('release.fifo', { ContentBasedDeduplication: 'true' });
    for (const body of ['first', 'second'])
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: 'g' }));
    const [head] = await receive(url, 1);
    const started = Date.now();
    const waiting = sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 10 }),
    );
    await new Promise((r) => setTimeout(r, 200));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: head.ReceiptHandle }));
    expect((await waiting).Messages?.map((m) => m.Body)).toEqual(['second']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('fills one receive from several groups, each in order', async () => {
    const url = await fifo('fill.fifo', { ContentBasedDeduplication: 'true' });
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: ['x1', 'y1', 'x2', 'y2', 'x3'].map((body, i) => ({
          Id: `e${i}`,
          MessageBody: body,
          MessageGroupId: body[0],
        })),
      }),
    );
    const got = await receive(url, 10);
    expect(got.map((m) => m.Body)).toEqual(['x1', 'x2', 'x3', 'y1', 'y2']);
    const seq = got.map((m) => BigInt(m.Attributes!.SequenceNumber!));
    expect(seq[0] < seq[1] && seq[1] < seq[2]).toBe(true);
  });

  it('returns the same messages to a receive retried with the same ReceiveRequestAttemptId', async () => {
    const url = await fifo('attempt.fifo', { ContentBasedDeduplication: 'true' });
    for (const body of ['m1', 'm2'])
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: body }));
    const first = await receive(url, 1, { ReceiveRequestAttemptId: 'try-1' });
    const retried = await receive(url, 1, { ReceiveRequestAttemptId: 'try-1' });
    expect(retried.map((m) => [m.MessageId, m.ReceiptHandle])).toEqual(
      first.map((m) => [m.MessageId, m.ReceiptHandle]),
    );
    const other = await receive(url, 1, { ReceiveRequestAttemptId: 'try-2' });
    expect(other[0].MessageId).not.toBe(first[0].MessageId);
  });

  it('requires a FIFO dead-letter queue and redrives in group order', async () => {
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:dead.fifo';
    await sqs.send(new CreateQueueCommand({ QueueName: 'dead-std' }));
    await expect(
      fifo('src-bad.fifo', {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dead-std',
          maxReceiveCount: 1,
        }),
      }),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    const dlq = await fifo('dead.fifo');
    const url = await fifo('src.fifo', {
      ContentBasedDeduplication: 'true',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
    });
    for (const body of ['p1', 'p2'])
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: 'g' }));
    const once = await receive(url, 10);
    expect(once.map((m) => m.Body)).toEqual(['p1', 'p2']);
    for (const m of once) {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: m.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }
    expect(await receive(url, 10)).toHaveLength(0);
    expect((await receive(dlq, 10)).map((m) => m.Body)).toEqual(['p1', 'p2']);
  });

  it('moves messages FIFO to FIFO with a move task, keeping each group in order', async () => {
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:moved-dlq.fifo';
    const dlq = await fifo('moved-dlq.fifo');
    const url = await fifo('moved-src.fifo', {
      ContentBasedDeduplication: 'true',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
    });
    const bodies = ['a1', 'b1', 'a2', 'b2', 'a3'];
    for (const body of bodies)
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: body[0] }));
    // Receive everything once and release it, then once more: all of it goes to the dead-letter queue.
    for (let round = 0; round < 2; round++) {
      for (const m of await receive(url, 10)) {
        await sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: url,
            ReceiptHandle: m.ReceiptHandle,
            VisibilityTimeout: 0,
          }),
        );
      }
    }
    expect(await receive(url, 10)).toHaveLength(0);
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    for (let i = 0; i < 100; i++) {
      const status = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }))).Results?.[0]
        ?.Status;
      if (status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const back = await receive(url, 10);
    const inGroup = (g: string) => back.map((m) => m.Body!).filter((b) => b[0] === g);
    expect(inGroup('a')).toEqual(['a1', 'a2', 'a3']);
    expect(inGroup('b')).toEqual(['b1', 'b2']);
    expect(await receive(dlq, 10)).toHaveLength(0);
  });
});
