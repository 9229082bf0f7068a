import {
  CancelMessageMoveTaskCommand,
  ChangeMessageVisibilityCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { useTestServer } from './test-support/test-server';

const arnOf = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

describe('SQS dead-letter queues and message-move tasks', () => {
  const env = useTestServer();
  const { sqs, queue } = env;

  async function receiveAndRelease(url: string) {
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    for (const m of got.Messages ?? []) {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: m.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }
    return got.Messages ?? [];
  }

  it('moves a message past maxReceiveCount to the DLQ within the receive, then redrives it back', async () => {
    const dlq = await queue('orders-dlq');
    const source = await queue('orders', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('orders-dlq'), maxReceiveCount: 2 }),
    });
    const attrs = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: source, AttributeNames: ['RedrivePolicy'] }),
    );
    expect(JSON.parse(attrs.Attributes!.RedrivePolicy!)).toEqual({
      deadLetterTargetArn: arnOf('orders-dlq'),
      maxReceiveCount: 2,
    });
    expect((await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }))).queueUrls).toEqual([
      source,
    ]);

    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'poison' }));
    expect(await receiveAndRelease(source)).toHaveLength(1);
    expect(await receiveAndRelease(source)).toHaveLength(1);
    expect(await receiveAndRelease(source)).toHaveLength(0);

    const dead = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq, MessageSystemAttributeNames: ['All'] }),
    );
    expect(dead.Messages?.[0]).toMatchObject({ MessageId, Body: 'poison' });
    expect(dead.Messages?.[0].Attributes?.DeadLetterQueueSourceArn).toBe(arnOf('orders'));
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: dlq,
        ReceiptHandle: dead.Messages![0].ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );

    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: arnOf('orders-dlq') }),
    );
    expect(TaskHandle).toBeDefined();
    let status: string | undefined;
    for (let i = 0; i < 100 && status !== 'COMPLETED'; i++) {
      const listed = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf('orders-dlq') }));
      status = listed.Results?.[0]?.Status;
      if (status !== 'COMPLETED') await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('COMPLETED');
    const back = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source }));
    expect(back.Messages?.[0]).toMatchObject({ MessageId, Body: 'poison' });
    const listed = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: arnOf('orders-dlq'), MaxResults: 10 }),
    );
    expect(listed.Results?.[0]).toMatchObject({
      Status: 'COMPLETED',
      ApproximateNumberOfMessagesMoved: 1,
      ApproximateNumberOfMessagesToMove: 1,
    });
  });

  it('cancels a running move task; messages already moved stay moved', async () => {
    const dlq = await queue('slow-dlq');
    await queue('slow-src', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('slow-dlq'), maxReceiveCount: 1 }),
    });
    for (let i = 0; i < 6; i++)
      await sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: `m${i}` }));
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: arnOf('slow-dlq'),
        DestinationArn: arnOf('slow-src'),
        MaxNumberOfMessagesPerSecond: 1,
      }),
    );
    // AWS answers a second task with InvalidParameterValue.
    await expect(
      sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf('slow-dlq') })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message:
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    });
    await new Promise((r) => setTimeout(r, 1200));
    await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    let task;
    for (let i = 0; i < 60; i++) {
      task = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf('slow-dlq') }))).Results?.[0];
      if (task?.Status === 'CANCELLED') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(task?.Status).toBe('CANCELLED');
    expect(task?.ApproximateNumberOfMessagesMoved).toBeGreaterThan(0);
    expect(task?.ApproximateNumberOfMessagesMoved).toBeLessThan(6);
    await expect(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }))).rejects.toMatchObject({
      name: 'UnsupportedOperation',
    });
  });

  it('fails a task whose destination is deleted while it runs, with the queue error as its reason', async () => {
    const dlq = await queue('gone-dlq');
    await queue('gone-src', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('gone-dlq'), maxReceiveCount: 1 }),
    });
    const destination = await queue('gone-dest');
    for (let i = 0; i < 6; i++)
      await sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: `m${i}` }));
    await sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: arnOf('gone-dlq'),
        DestinationArn: arnOf('gone-dest'),
        MaxNumberOfMessagesPerSecond: 1,
      }),
    );
    await new Promise((r) => setTimeout(r, 1200));
    await sqs.send(new DeleteQueueCommand({ QueueUrl: destination }));
    let task;
    for (let i = 0; i < 100; i++) {
      task = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf('gone-dlq') }))).Results?.[0];
      if (task?.Status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(task).toMatchObject({
      Status: 'FAILED',
      FailureReason: 'AWS.SimpleQueueService.NonExistentQueue',
    });
  });

  it('refuses a move task from a queue that is not a dead-letter queue, and unknown handles, as AWS does', async () => {
    await queue('plain');
    await expect(
      sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf('plain') })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Source queue must be configured as a Dead Letter Queue.',
    });
    await expect(
      sqs.send(new StartMessageMoveTaskCommand({ SourceArn: arnOf('nope') })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "The resource that you specified for the SourceArn parameter doesn't exist.",
    });
    await expect(
      sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'bm90LWEtaGFuZGxl' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Value for parameter TaskHandle is invalid.',
    });
  });

  it('enforces the DLQ RedriveAllowPolicy and rejects a missing target', async () => {
    await queue('closed-dlq', { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }) });
    const url = await queue('wants-closed');
    await expect(
      sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: url,
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('closed-dlq'), maxReceiveCount: 3 }),
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(
      sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: url,
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('missing'), maxReceiveCount: 3 }),
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(attrs.Attributes?.RedrivePolicy).toBeUndefined();
  });
});
