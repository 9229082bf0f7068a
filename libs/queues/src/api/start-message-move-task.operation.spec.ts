import { MoveTaskStore } from '../store/move-task.store';
import { useSqsTestApp } from '../test-support/sqs-test-app';
import { decodeTaskHandle, encodeTaskHandle } from './move-task-handle';

const app = useSqsTestApp();

let queueCount = 0;

/** A dead-letter queue (with one source queue) holding `messages` messages. */
async function deadLetterQueue(messages = 0) {
  const n = ++queueCount;
  const name = `mt-dlq-${n}`;
  const url = await app().createQueue(name);
  const source = await app().createQueue(`mt-source-${n}`, {
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: app().queueArn(name), maxReceiveCount: 1 }),
  });
  for (let i = 0; i < messages; i++) await app().ok('SendMessage', { QueueUrl: url, MessageBody: `m${i}` });
  return { url, arn: app().queueArn(name), source, sourceArn: app().queueArn(`mt-source-${n}`) };
}

/** A queue no RedrivePolicy names: not a dead-letter queue. */
async function plainQueueName(): Promise<string> {
  const name = `mt-plain-${++queueCount}`;
  await app().createQueue(name);
  return name;
}

const start = (input: Record<string, unknown>) => app().json('StartMessageMoveTask', input);
const list = async (SourceArn: string, MaxResults?: number) =>
  (await app().ok('ListMessageMoveTasks', { SourceArn, MaxResults })).Results;

describe('StartMessageMoveTask', () => {
  it('starts a RUNNING task that ListMessageMoveTasks reports with its handle and what it has to move', async () => {
    const dlq = await deadLetterQueue(3);
    const answer = await start({
      SourceArn: dlq.arn,
      DestinationArn: dlq.sourceArn,
      MaxNumberOfMessagesPerSecond: 50,
    });
    expect(answer).toEqual({ status: 200, body: { TaskHandle: expect.any(String) } });
    expect(await list(dlq.arn)).toEqual([
      {
        TaskHandle: answer.body.TaskHandle,
        Status: 'RUNNING',
        SourceArn: dlq.arn,
        DestinationArn: dlq.sourceArn,
        MaxNumberOfMessagesPerSecond: 50,
        ApproximateNumberOfMessagesMoved: 0,
        ApproximateNumberOfMessagesToMove: 3,
        StartedTimestamp: app().clock.now(),
      },
    ]);
  });

  it('starts a task back to the original queues when no destination is given', async () => {
    const dlq = await deadLetterQueue();
    expect((await start({ SourceArn: dlq.arn })).status).toBe(200);
    const [task] = await list(dlq.arn);
    expect(task).not.toHaveProperty('DestinationArn');
    expect(task).not.toHaveProperty('MaxNumberOfMessagesPerSecond');
  });

  it.each([0, 501])('refuses MaxNumberOfMessagesPerSecond %i', async (rate) => {
    const dlq = await deadLetterQueue();
    expect(await start({ SourceArn: dlq.arn, MaxNumberOfMessagesPerSecond: rate })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.`,
    });
    expect(await list(dlq.arn)).toEqual([]);
  });

  it('answers ResourceNotFoundException for a source or destination that is no queue', async () => {
    const dlq = await deadLetterQueue();
    for (const input of [
      { SourceArn: app().queueArn('mt-missing') },
      { SourceArn: 'arn:aws:sns:us-east-1:000000000000:topic' },
      { SourceArn: 'not an arn' },
      { SourceArn: dlq.arn, DestinationArn: app().queueArn('mt-missing') },
    ]) {
      expect(await start(input)).toMatchObject({ status: 404, code: 'ResourceNotFoundException' });
    }
    expect(await list(dlq.arn)).toEqual([]);
  });

  it('refuses the source as its own destination', async () => {
    const dlq = await deadLetterQueue();
    expect(await start({ SourceArn: dlq.arn, DestinationArn: dlq.arn })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: 'Source and destination queues must be different.',
    });
  });

  it('starts a new task once the active one has finished', async () => {
    const dlq = await deadLetterQueue();
    await start({ SourceArn: dlq.arn });
    const [first] = await list(dlq.arn);
    const taskId = decodeTaskHandle(first.TaskHandle).taskId;
    const source = { accountId: '000000000000', name: `mt-dlq-${queueCount}` };
    expect(await app().get(MoveTaskStore).transition(source, taskId, 'COMPLETED', ['RUNNING'])).toBe(true);
    app().clock.advanceSeconds(1);
    expect((await start({ SourceArn: dlq.arn })).status).toBe(200);
  });
});

describe('ListMessageMoveTasks', () => {
  it('answers the most recent task by default and up to MaxResults, newest first', async () => {
    const dlq = await deadLetterQueue();
    const tasks = app().get(MoveTaskStore);
    const source = { accountId: '000000000000', name: `mt-dlq-${queueCount}` };
    const started: number[] = [];
    for (let i = 0; i < 3; i++) {
      started.push(app().clock.now());
      const handle = (await app().ok('StartMessageMoveTask', { SourceArn: dlq.arn })).TaskHandle;
      const taskId = decodeTaskHandle(handle).taskId;
      if (i < 2) await tasks.transition(source, taskId, 'COMPLETED', ['RUNNING']);
      app().clock.advanceSeconds(1);
    }
    const newest = await list(dlq.arn);
    expect(newest.map((t: { Status: string }) => t.Status)).toEqual(['RUNNING']);
    const all = await list(dlq.arn, 10);
    expect(
      all.map((t: { Status: string; StartedTimestamp: number }) => [t.Status, t.StartedTimestamp]),
    ).toEqual([
      ['RUNNING', started[2]],
      ['COMPLETED', started[1]],
      ['COMPLETED', started[0]],
    ]);
    expect(all[1]).not.toHaveProperty('TaskHandle');
  });

  it.each([0, 11])('refuses MaxResults %i', async (max) => {
    const dlq = await deadLetterQueue();
    expect(await app().json('ListMessageMoveTasks', { SourceArn: dlq.arn, MaxResults: max })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${max} for parameter MaxResults is invalid. Reason: Must be between 1 and 10.`,
    });
  });

  it('answers ResourceNotFoundException for a source that does not exist', async () => {
    expect(
      await app().json('ListMessageMoveTasks', { SourceArn: app().queueArn('mt-missing') }),
    ).toMatchObject({
      status: 404,
      code: 'ResourceNotFoundException',
    });
  });
});

describe('CancelMessageMoveTask', () => {
  it('cancels a RUNNING task, answering how many messages it moved', async () => {
    const dlq = await deadLetterQueue(2);
    const handle = (await app().ok('StartMessageMoveTask', { SourceArn: dlq.arn })).TaskHandle;
    expect(await app().json('CancelMessageMoveTask', { TaskHandle: handle })).toEqual({
      status: 200,
      body: { ApproximateNumberOfMessagesMoved: 0 },
    });
    const [task] = await list(dlq.arn);
    expect(task).toMatchObject({ Status: 'CANCELLING', ApproximateNumberOfMessagesToMove: 2 });
    expect(task).not.toHaveProperty('TaskHandle');
  });

  it('answers as AWS does for a source that is not a dead-letter queue and for a second active task', async () => {
    expect(await start({ SourceArn: app().queueArn(await plainQueueName()) })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: 'Source queue must be configured as a Dead Letter Queue.',
    });
    const dlq = await deadLetterQueue();
    expect((await start({ SourceArn: dlq.arn, MaxNumberOfMessagesPerSecond: 1 })).status).toBe(200);
    expect(await start({ SourceArn: dlq.arn })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message:
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    });
  });

  it('names the parameter whose queue does not exist, as AWS does', async () => {
    const dlq = await deadLetterQueue();
    expect(await start({ SourceArn: app().queueArn('mt-missing') })).toMatchObject({
      message: "The resource that you specified for the SourceArn parameter doesn't exist.",
    });
    expect(await start({ SourceArn: dlq.arn, DestinationArn: app().queueArn('mt-missing') })).toMatchObject({
      message: "The resource that you specified for the DestinationArn parameter doesn't exist.",
    });
    const orphan = encodeTaskHandle('00000000-0000-4000-8000-000000000000', app().queueArn('mt-missing'));
    expect(await app().json('CancelMessageMoveTask', { TaskHandle: orphan })).toMatchObject({
      status: 404,
      code: 'ResourceNotFoundException',
      message: "The resource that you specified for the SourceArn parameter doesn't exist.",
    });
    expect(await app().json('CancelMessageMoveTask', { TaskHandle: 'garbage' })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: 'Value for parameter TaskHandle is invalid.',
    });
  });

  it('answers ResourceNotFoundException for a task the source queue does not have', async () => {
    const dlq = await deadLetterQueue();
    const handle = encodeTaskHandle('00000000-0000-4000-8000-000000000000', dlq.arn);
    expect(await app().json('CancelMessageMoveTask', { TaskHandle: handle })).toMatchObject({
      status: 404,
      code: 'ResourceNotFoundException',
      message: 'Task does not exist.',
    });
  });

  it('answers MissingParameter without a task handle', async () => {
    expect(await app().json('CancelMessageMoveTask', { TaskHandle: '' })).toMatchObject({
      status: 400,
      code: 'MissingParameter',
      message: 'The request must contain the parameter TaskHandle.',
    });
  });
});
