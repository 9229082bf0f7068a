import { useSqsTestApp, xmlValues } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

let url: string;

beforeAll(async () => {
  url = await app().createQueue('wire-quirks');
});

describe('SQS on the wire', () => {
  it.each([
    ['SendMessage', { QueueUrl: '', MessageBody: 'x' }, 'QueueUrl'],
    ['GetQueueUrl', { QueueName: '' }, 'QueueName'],
    ['RemovePermission', { QueueUrl: 'u', Label: '' }, 'Label'],
    ['StartMessageMoveTask', { SourceArn: '' }, 'SourceArn'],
  ])('answers an empty required string of %s as a missing parameter', async (operation, input, member) => {
    expect(await app().json(operation, input)).toMatchObject({
      status: 400,
      code: 'MissingParameter',
      message: `The request must contain the parameter ${member}.`,
    });
  });

  it('answers an empty required parameter of the query protocol as a missing one', async () => {
    expect(await app().query('SendMessage', { QueueUrl: url, MessageBody: '' })).toMatchObject({
      status: 400,
      code: 'MissingParameter',
      message: 'The request must contain the parameter MessageBody.',
    });
  });

  it('takes the queue from the request path of a query request without QueueUrl', async () => {
    const sent = await app().query('SendMessage', { MessageBody: 'by path' }, '/000000000000/wire-quirks');
    expect(sent.status).toBe(200);
    expect(xmlValues(sent.body, 'MessageId')).toHaveLength(1);
    const received = await app().query('ReceiveMessage', {}, '/000000000000/wire-quirks');
    expect(xmlValues(received.body, 'Body')).toEqual(['by path']);
  });

  it('prefers QueueUrl over the request path', async () => {
    const other = await app().createQueue('wire-quirks-other');
    await app().query(
      'SendMessage',
      { QueueUrl: other, MessageBody: 'to the named queue' },
      '/000000000000/wire-quirks',
    );
    expect((await app().attributes(other, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages).toBe(
      '1',
    );
  });

  it('answers a query request to a queue path that names no queue with QueueDoesNotExist', async () => {
    expect(
      await app().query('SendMessage', { MessageBody: 'x' }, '/000000000000/wire-missing'),
    ).toMatchObject({
      status: 400,
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      message: 'The specified queue does not exist.',
    });
  });

  it('answers a query request without QueueUrl to the root path with MissingParameter', async () => {
    expect(await app().query('SendMessage', { MessageBody: 'x' })).toMatchObject({
      status: 400,
      code: 'MissingParameter',
      message: 'The request must contain the parameter QueueUrl.',
    });
  });

  it('answers a query integer that does not parse with InvalidParameterValue naming the parameter', async () => {
    expect(await app().query('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 'ten' })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: 'Value ten for parameter MaxNumberOfMessages is invalid. Reason: must be an integer.',
    });
  });

  it('answers a JSON member of the wrong type with SerializationException', async () => {
    expect(await app().json('SendMessage', { QueueUrl: url, MessageBody: { nested: true } })).toMatchObject({
      status: 400,
      code: 'SerializationException',
      message: 'Start of structure or map found where not expected (member MessageBody).',
    });
  });

  it('answers an unknown operation per protocol', async () => {
    expect(await app().json('Frobnicate', {})).toMatchObject({
      status: 400,
      code: 'UnknownOperationException',
      message: 'Unknown operation Frobnicate.',
    });
    expect(await app().query('Frobnicate')).toMatchObject({
      status: 400,
      code: 'InvalidAction',
      message: 'The action Frobnicate is not valid for this endpoint.',
    });
  });
});
