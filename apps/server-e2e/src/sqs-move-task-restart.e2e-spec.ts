import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { useServerProcess } from './test-support/server-process';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const arnOf = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

describe('message-move task across a SIGKILL of the server', () => {
  const env = useServerProcess();
  const { sqs } = env;

  it('resumes a rate-limited redrive after the executor is killed, and completes it', async () => {
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: 'restart-dlq' }))).QueueUrl!;
    const source = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'restart-src',
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf('restart-dlq'), maxReceiveCount: 1 }),
          },
        }),
      )
    ).QueueUrl!;
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: dlq,
        Entries: Array.from({ length: 8 }, (_, i) => ({ Id: `m${i}`, MessageBody: `m${i}` })),
      }),
    );
    await sqs.send(
      new StartMessageMoveTaskCommand({
        SourceArn: arnOf('restart-dlq'),
        DestinationArn: arnOf('restart-src'),
        MaxNumberOfMessagesPerSecond: 2,
      }),
    );
    await pause(1500);
    await env.server.kill('SIGKILL');
    await env.server.start();
    let status: string | undefined;
    for (let i = 0; i < 120 && status !== 'COMPLETED'; i++) {
      status = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arnOf('restart-dlq') })))
        .Results?.[0]?.Status;
      if (status !== 'COMPLETED') await pause(500);
    }
    expect(status).toBe('COMPLETED');
    // Messages the killed batch had hidden come back after their visibility timeout; none is lost.
    const bodies = new Set<string>();
    for (let i = 0; i < 40 && bodies.size < 8; i++) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source, MaxNumberOfMessages: 10 }));
      for (const m of got.Messages ?? []) {
        bodies.add(m.Body!);
        await sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: source,
            ReceiptHandle: m.ReceiptHandle,
            VisibilityTimeout: 600,
          }),
        );
      }
      if (bodies.size < 8) await pause(500);
    }
    const left = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['All'] }));
    expect({
      moved: bodies.size,
      inDlq:
        Number(left.Attributes!.ApproximateNumberOfMessages) +
        Number(left.Attributes!.ApproximateNumberOfMessagesNotVisible),
    }).toEqual({ moved: 8, inDlq: 0 });
  }, 120_000);
});
