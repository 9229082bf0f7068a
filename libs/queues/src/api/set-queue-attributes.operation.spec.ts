import { useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

let queueCount = 0;
const newQueue = (suffix = '', attributes: Record<string, string> = {}) =>
  app().createQueue(`attrs-${++queueCount}${suffix}`, attributes);

const set = (QueueUrl: string, Attributes: Record<string, string>) =>
  app().json('SetQueueAttributes', { QueueUrl, Attributes });

describe('GetQueueAttributes', () => {
  it('answers the names asked for, and nothing without names', async () => {
    const url = await newQueue();
    expect(await app().json('GetQueueAttributes', { QueueUrl: url })).toEqual({ status: 200, body: {} });
    expect(await app().attributes(url, ['VisibilityTimeout', 'QueueArn'])).toEqual({
      VisibilityTimeout: '30',
      QueueArn: app().queueArn(`attrs-${queueCount}`),
    });
  });

  it('counts visible, in-flight and delayed messages', async () => {
    const url = await newQueue();
    for (const delay of [0, 0, 0, 10]) {
      await app().ok('SendMessage', { QueueUrl: url, MessageBody: 'x', DelaySeconds: delay });
    }
    await app().ok('ReceiveMessage', { QueueUrl: url });
    expect(
      await app().attributes(url, [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ]),
    ).toEqual({
      ApproximateNumberOfMessages: '2',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '1',
    });
  });

  it('refuses an unknown name with InvalidAttributeName', async () => {
    const url = await newQueue();
    expect(
      await app().json('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All', 'Colour'] }),
    ).toMatchObject({
      status: 400,
      code: 'InvalidAttributeName',
      message: 'Unknown Attribute Colour.',
    });
  });

  it('answers nothing for a FIFO-only name asked of a standard queue', async () => {
    const url = await newQueue();
    expect(await app().json('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['FifoQueue'] })).toEqual({
      status: 200,
      body: { Attributes: {} },
    });
  });

  it('reads AttributeName.N in the query protocol and answers Attribute entries', async () => {
    const url = await newQueue();
    const answer = await app().query('GetQueueAttributes', {
      QueueUrl: url,
      'AttributeName.1': 'DelaySeconds',
    });
    expect(answer.body).toContain(
      '<GetQueueAttributesResult><Attribute><Name>DelaySeconds</Name><Value>0</Value></Attribute></GetQueueAttributesResult>',
    );
  });

  it('answers QueueDoesNotExist for a queue that does not exist', async () => {
    expect(
      await app().json('GetQueueAttributes', {
        QueueUrl: app().queueUrl('attrs-missing'),
        AttributeNames: ['All'],
      }),
    ).toMatchObject({ status: 400, code: 'QueueDoesNotExist' });
  });
});

describe('SetQueueAttributes', () => {
  it('changes settable attributes and stamps LastModifiedTimestamp', async () => {
    const url = await newQueue();
    app().clock.advanceSeconds(7);
    expect(
      await set(url, { VisibilityTimeout: '45', DelaySeconds: '010', Policy: '{"Version":"2012-10-17"}' }),
    ).toEqual({ status: 200, body: {} });
    expect(
      await app().attributes(url, ['VisibilityTimeout', 'DelaySeconds', 'Policy', 'LastModifiedTimestamp']),
    ).toEqual({
      VisibilityTimeout: '45',
      DelaySeconds: '10',
      Policy: '{"Version":"2012-10-17"}',
      LastModifiedTimestamp: String(app().clock.now() / 1000),
    });
  });

  it('refuses a bad value with InvalidAttributeValue, changing none of the attributes given', async () => {
    const url = await newQueue();
    expect(await set(url, { DelaySeconds: '5', VisibilityTimeout: '-1' })).toMatchObject({
      status: 400,
      code: 'InvalidAttributeValue',
      message: 'Invalid value for the parameter VisibilityTimeout.',
    });
    expect(await app().attributes(url, ['DelaySeconds', 'VisibilityTimeout'])).toEqual({
      DelaySeconds: '0',
      VisibilityTimeout: '30',
    });
  });

  it.each([
    ['Colour', 'blue', 'Unknown Attribute Colour.'],
    ['ApproximateNumberOfMessages', '9', 'Unknown Attribute ApproximateNumberOfMessages.'],
    ['CreatedTimestamp', '0', 'Unknown Attribute CreatedTimestamp.'],
    ['ContentBasedDeduplication', 'true', 'Unknown Attribute ContentBasedDeduplication.'],
    ['DeduplicationScope', 'queue', 'Unknown Attribute DeduplicationScope.'],
  ])('refuses %s on a standard queue with InvalidAttributeName', async (name, value, message) => {
    const url = await newQueue();
    expect(await set(url, { [name]: value })).toMatchObject({
      status: 400,
      code: 'InvalidAttributeName',
      message,
    });
  });

  it('refuses FifoQueue after creation, even on a FIFO queue', async () => {
    const url = await newQueue('.fifo');
    expect(await set(url, { FifoQueue: 'true' })).toMatchObject({
      status: 400,
      code: 'InvalidAttributeName',
      message: 'Attribute FifoQueue can only be set when the queue is created.',
    });
  });

  it('changes FIFO attributes of a FIFO queue, holding high throughput to per-group de-duplication', async () => {
    const url = await newQueue('.fifo');
    expect(await set(url, { FifoThroughputLimit: 'perMessageGroupId' })).toMatchObject({
      status: 400,
      code: 'InvalidAttributeValue',
    });
    expect(
      (await set(url, { FifoThroughputLimit: 'perMessageGroupId', DeduplicationScope: 'messageGroup' }))
        .status,
    ).toBe(200);
    expect(await set(url, { DeduplicationScope: 'queue' })).toMatchObject({
      status: 400,
      code: 'InvalidAttributeValue',
    });
    expect((await set(url, { ContentBasedDeduplication: 'true' })).status).toBe(200);
    expect(await app().attributes(url, ['ContentBasedDeduplication', 'DeduplicationScope'])).toEqual({
      ContentBasedDeduplication: 'true',
      DeduplicationScope: 'messageGroup',
    });
  });

  it('answers MissingParameter without Attributes', async () => {
    const url = await newQueue();
    expect(await app().json('SetQueueAttributes', { QueueUrl: url })).toMatchObject({
      status: 400,
      code: 'MissingParameter',
      message: 'The request must contain the parameter Attributes.',
    });
  });

  it('reads Attribute.N.Name / Attribute.N.Value in the query protocol', async () => {
    const url = await newQueue();
    const answer = await app().query('SetQueueAttributes', {
      QueueUrl: url,
      'Attribute.1.Name': 'MaximumMessageSize',
      'Attribute.1.Value': '2048',
    });
    expect(answer.status).toBe(200);
    expect(await app().attributes(url, ['MaximumMessageSize'])).toEqual({ MaximumMessageSize: '2048' });
  });

  it('answers QueueDoesNotExist for a queue that does not exist', async () => {
    expect(await set(app().queueUrl('attrs-missing'), { DelaySeconds: '1' })).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
    });
  });
});
