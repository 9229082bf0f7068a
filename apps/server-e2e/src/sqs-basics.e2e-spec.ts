import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { useTestServer } from './test-support/test-server';

describe('SQS standard queues through @aws-sdk/client-sqs', () => {
  const env = useTestServer();
  const { sqs, queue } = env;

  it('creates, finds, lists and deletes queues', async () => {
    const url = await queue('basics-a');
    expect(url).toBe(`${env.server.url}/000000000000/basics-a`);
    await queue('basics-b');
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: 'basics-a' }))).QueueUrl).toBe(url);
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'basics-' }));
    expect(listed.QueueUrls).toEqual([url, `${env.server.url}/000000000000/basics-b`]);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'basics-a' }))).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
    });
  });

  it('CreateQueue is idempotent for the same attributes and refuses different ones', async () => {
    const url = await queue('idem', { VisibilityTimeout: '40' });
    expect(await queue('idem', { VisibilityTimeout: '40' })).toBe(url);
    expect(await queue('idem')).toBe(url);
    await expect(queue('idem', { VisibilityTimeout: '41' })).rejects.toMatchObject({
      name: 'QueueNameExists',
    });
  });

  it('paginates ListQueues when MaxResults is given', async () => {
    for (const n of ['page-1', 'page-2', 'page-3']) await queue(n);
    const first = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2 }));
    expect(first.QueueUrls).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const second = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.QueueUrls).toEqual([`${env.server.url}/000000000000/page-3`]);
    expect(second.NextToken).toBeUndefined();
  });

  it('sends, receives with attributes, hides while in flight, and deletes', async () => {
    const url = await queue('flow');
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'hello ✓',
        MessageAttributes: {
          colour: { DataType: 'String', StringValue: 'blue' },
          n: { DataType: 'Number', StringValue: '42' },
        },
      }),
    );
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    const got = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        VisibilityTimeout: 30,
      }),
    );
    expect(got.Messages).toHaveLength(1);
    const [m] = got.Messages!;
    expect(m.MessageId).toBe(sent.MessageId);
    expect(m.Body).toBe('hello ✓');
    expect(m.MessageAttributes?.colour.StringValue).toBe('blue');
    expect(m.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(m.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(m.Attributes?.SenderId).toBe('AKIDTEST');
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('1');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    const after = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(after.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('0');
    expect(after.Attributes?.ApproximateNumberOfMessages).toBe('0');
  });

  it('makes a message visible again when its visibility timeout is set to 0, counting receives', async () => {
    const url = await queue('visibility');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'again' }));
    const first = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages![0];
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: first.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const second = (
      await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      )
    ).Messages![0];
    expect(second.MessageId).toBe(first.MessageId);
    expect(second.Attributes?.ApproximateReceiveCount).toBe('2');
    // The first receipt is stale: deleting with it leaves the message in flight.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first.ReceiptHandle }));
    const attrs = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('1');
  });

  it('sends and deletes in batches, reporting bad entries per entry', async () => {
    const url = await queue('batches');
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two', DelaySeconds: 1000 },
          { Id: 'c', MessageBody: 'three' },
        ],
      }),
    );
    expect(sent.Successful?.map((e) => e.Id).sort()).toEqual(['a', 'c']);
    expect(sent.Failed).toEqual([
      expect.objectContaining({ Id: 'b', Code: 'InvalidParameterValue', SenderFault: true }),
    ]);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(got.Messages?.map((m) => m.Body).sort()).toEqual(['one', 'three']);
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          ...got.Messages!.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
          { Id: 'bad', ReceiptHandle: 'garbage' },
        ],
      }),
    );
    expect(deleted.Successful).toHaveLength(2);
    expect(deleted.Failed).toEqual([expect.objectContaining({ Id: 'bad', Code: 'ReceiptHandleIsInvalid' })]);
  });

  it('refuses to extend a visibility timeout beyond 12 hours from the receive', async () => {
    const url = await queue('twelve-hours');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'long job' }));
    const [m] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 60 })))
      .Messages!;
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: m.ReceiptHandle,
        VisibilityTimeout: 43_000,
      }),
    );
    await new Promise((r) => setTimeout(r, 5));
    await expect(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: m.ReceiptHandle,
          VisibilityTimeout: 43_200,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('beyond the limit [43200 seconds]'),
    });
  });

  it('refuses a receipt handle forged from a message id', async () => {
    const url = await queue('forged');
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'keep me' }));
    const received = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages![0];
    const forged = Buffer.from(`000000000000/forged\n${MessageId}\n1\n${Date.now()}`).toString('base64url');
    await expect(
      sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: forged })),
    ).rejects.toMatchObject({ name: 'ReceiptHandleIsInvalid' });
    const tampered = received.ReceiptHandle!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(
      sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: tampered })),
    ).rejects.toMatchObject({ name: 'ReceiptHandleIsInvalid' });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: received.ReceiptHandle }));
  });

  it('long-polls: a waiting receive returns as soon as a message is sent', async () => {
    const url = await queue('long-poll');
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }));
    await new Promise((r) => setTimeout(r, 300));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'wake up' }));
    const got = await waiting;
    expect(got.Messages?.[0].Body).toBe('wake up');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('delays delivery by the per-message DelaySeconds', async () => {
    const url = await queue('delayed');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 1 }));
    const attrs = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessagesDelayed'],
      }),
    );
    expect(attrs.Attributes?.ApproximateNumberOfMessagesDelayed).toBe('1');
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages).toBeUndefined();
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }));
    expect(got.Messages?.[0].Body).toBe('later');
  });
});
