import { useSqsTestApp } from '../test-support/sqs-test-app';

describe('DeleteQueue', () => {
  const app = useSqsTestApp();

  it('deletes the queue with its messages and tags; the name can be taken again at once without a cooldown', async () => {
    const url = await app().createQueue('dq-gone', { DelaySeconds: '5' }, { team: 'a' });
    await app().ok('SendMessage', { QueueUrl: url, MessageBody: 'x' });
    expect(await app().json('DeleteQueue', { QueueUrl: url })).toEqual({ status: 200, body: {} });
    expect(await app().json('GetQueueUrl', { QueueName: 'dq-gone' })).toMatchObject({
      code: 'QueueDoesNotExist',
    });
    expect((await app().ok('ListQueues', { QueueNamePrefix: 'dq-gone' })).QueueUrls ?? []).toEqual([]);

    expect(await app().createQueue('dq-gone')).toBe(url);
    expect(await app().attributes(url, ['DelaySeconds', 'ApproximateNumberOfMessagesDelayed'])).toEqual({
      DelaySeconds: '0',
      ApproximateNumberOfMessagesDelayed: '0',
    });
    expect(await app().ok('ListQueueTags', { QueueUrl: url })).toEqual({});
  });

  it('answers QueueDoesNotExist for a queue that does not exist, or one deleted already', async () => {
    const url = await app().createQueue('dq-twice');
    await app().ok('DeleteQueue', { QueueUrl: url });
    for (const missing of [url, app().queueUrl('dq-never')]) {
      expect(await app().json('DeleteQueue', { QueueUrl: missing })).toMatchObject({
        status: 400,
        code: 'QueueDoesNotExist',
        message: 'The specified queue does not exist.',
      });
    }
  });

  it('answers QueueDoesNotExist for a URL that names no possible queue', async () => {
    for (const bad of [
      'http://sqs.test:4566/123/q',
      'not a url',
      'http://sqs.test:4566/000000000000/bad.name',
    ]) {
      expect(await app().json('DeleteQueue', { QueueUrl: bad })).toMatchObject({
        status: 400,
        code: 'QueueDoesNotExist',
      });
    }
  });

  it('makes the operations on its messages answer QueueDoesNotExist', async () => {
    const url = await app().createQueue('dq-messages');
    await app().ok('DeleteQueue', { QueueUrl: url });
    for (const [operation, input] of [
      ['SendMessage', { QueueUrl: url, MessageBody: 'x' }],
      ['ReceiveMessage', { QueueUrl: url }],
      ['GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] }],
    ] as const) {
      expect(await app().json(operation, input)).toMatchObject({ status: 400, code: 'QueueDoesNotExist' });
    }
  });
});

describe('DeleteQueue with the 60-second cooldown', () => {
  const app = useSqsTestApp({ deleteCooldownSeconds: 60 });

  it('answers QueueDeletedRecently when the name is taken again too soon', async () => {
    const url = await app().createQueue('dq-cooldown');
    await app().ok('DeleteQueue', { QueueUrl: url });
    expect(await app().json('CreateQueue', { QueueName: 'dq-cooldown' })).toMatchObject({
      status: 400,
      code: 'QueueDeletedRecently',
      queryCode: 'AWS.SimpleQueueService.QueueDeletedRecently',
      message:
        'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
    });
    expect(await app().json('GetQueueUrl', { QueueName: 'dq-cooldown' })).toMatchObject({
      code: 'QueueDoesNotExist',
    });
    expect(await app().createQueue('dq-other-name')).toBe(app().queueUrl('dq-other-name'));
  });
});
