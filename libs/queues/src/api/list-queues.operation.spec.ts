import { useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

const names = (urls: string[] | undefined) => (urls ?? []).map((u) => u.slice(u.lastIndexOf('/') + 1));

beforeAll(async () => {
  for (const name of ['lq-c', 'lq-a', 'lq-b', 'lq-d', 'lq-e', 'other']) await app().createQueue(name);
});

describe('ListQueues', () => {
  it('lists the queue URLs of the account in name order, by prefix', async () => {
    expect(names((await app().ok('ListQueues', { QueueNamePrefix: 'lq-' })).QueueUrls)).toEqual([
      'lq-a',
      'lq-b',
      'lq-c',
      'lq-d',
      'lq-e',
    ]);
    expect((await app().ok('ListQueues', { QueueNamePrefix: 'oth' })).QueueUrls).toEqual([
      app().queueUrl('other'),
    ]);
    expect(names((await app().ok('ListQueues', { QueueNamePrefix: 'none' })).QueueUrls)).toEqual([]);
  });

  it('answers no NextToken without MaxResults', async () => {
    expect(await app().ok('ListQueues', { QueueNamePrefix: 'lq-' })).not.toHaveProperty('NextToken');
  });

  it('pages by MaxResults with a NextToken until the last page', async () => {
    const first = await app().ok('ListQueues', { QueueNamePrefix: 'lq-', MaxResults: 2 });
    expect(names(first.QueueUrls)).toEqual(['lq-a', 'lq-b']);
    const second = await app().ok('ListQueues', {
      QueueNamePrefix: 'lq-',
      MaxResults: 2,
      NextToken: first.NextToken,
    });
    expect(names(second.QueueUrls)).toEqual(['lq-c', 'lq-d']);
    const last = await app().ok('ListQueues', {
      QueueNamePrefix: 'lq-',
      MaxResults: 2,
      NextToken: second.NextToken,
    });
    expect(names(last.QueueUrls)).toEqual(['lq-e']);
    expect(last).not.toHaveProperty('NextToken');
  });

  it('answers no NextToken when the page holds exactly the rest', async () => {
    expect(await app().ok('ListQueues', { QueueNamePrefix: 'lq-', MaxResults: 5 })).not.toHaveProperty(
      'NextToken',
    );
  });

  it.each([0, 1001])('refuses MaxResults %i', async (max) => {
    expect(await app().json('ListQueues', { MaxResults: max })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${max} for parameter MaxResults is invalid. Reason: Must be between 1 and 1000, if provided.`,
    });
  });

  it('refuses a QueueNamePrefix over 80 characters', async () => {
    const prefix = 'p'.repeat(81);
    expect(await app().json('ListQueues', { QueueNamePrefix: prefix })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${prefix} for parameter QueueNamePrefix is invalid. Reason: Must be at most 80 characters.`,
    });
    expect((await app().json('ListQueues', { QueueNamePrefix: 'p'.repeat(80) })).status).toBe(200);
  });

  it('refuses a NextToken it did not issue', async () => {
    expect(await app().json('ListQueues', { MaxResults: 1, NextToken: 'garbage' })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: 'Invalid NextToken value.',
    });
  });

  it('answers QueueUrl entries in the query protocol', async () => {
    const answer = await app().query('ListQueues', { QueueNamePrefix: 'other' });
    expect(answer.body).toContain(
      `<ListQueuesResult><QueueUrl>${app().queueUrl('other')}</QueueUrl></ListQueuesResult>`,
    );
  });
});

describe('GetQueueUrl', () => {
  it('answers the URL of a queue by name', async () => {
    expect(await app().json('GetQueueUrl', { QueueName: 'lq-a' })).toEqual({
      status: 200,
      body: { QueueUrl: app().queueUrl('lq-a') },
    });
  });

  it('looks in the account of QueueOwnerAWSAccountId', async () => {
    expect(
      await app().json('GetQueueUrl', { QueueName: 'lq-a', QueueOwnerAWSAccountId: '111122223333' }),
    ).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
    });
    expect(
      (await app().ok('GetQueueUrl', { QueueName: 'lq-a', QueueOwnerAWSAccountId: '000000000000' })).QueueUrl,
    ).toBe(app().queueUrl('lq-a'));
  });

  it('answers QueueDoesNotExist with the query code AWS.SimpleQueueService.NonExistentQueue', async () => {
    expect(await app().json('GetQueueUrl', { QueueName: 'lq-missing' })).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
      queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
      message: 'The specified queue does not exist.',
    });
    expect(await app().query('GetQueueUrl', { QueueName: 'lq-missing' })).toMatchObject({
      status: 400,
      code: 'AWS.SimpleQueueService.NonExistentQueue',
    });
  });

  it('answers MissingParameter without a name', async () => {
    expect(await app().json('GetQueueUrl', {})).toMatchObject({
      status: 400,
      code: 'MissingParameter',
      message: 'The request must contain the parameter QueueName.',
    });
  });
});

describe('ListDeadLetterSourceQueues', () => {
  let dlq: string;
  let sources: string[];

  beforeAll(async () => {
    dlq = await app().createQueue('dlsq-target');
    const policy = JSON.stringify({ deadLetterTargetArn: app().queueArn('dlsq-target'), maxReceiveCount: 3 });
    sources = [];
    for (const name of ['dlsq-s3', 'dlsq-s1', 'dlsq-s2']) {
      sources.push(await app().createQueue(name, { RedrivePolicy: policy }));
    }
    sources.sort();
  });

  it('lists the queues whose RedrivePolicy names the queue', async () => {
    expect(await app().ok('ListDeadLetterSourceQueues', { QueueUrl: dlq })).toEqual({ queueUrls: sources });
    expect(await app().ok('ListDeadLetterSourceQueues', { QueueUrl: sources[0] })).toEqual({ queueUrls: [] });
  });

  it('pages by MaxResults with a NextToken', async () => {
    const first = await app().ok('ListDeadLetterSourceQueues', { QueueUrl: dlq, MaxResults: 2 });
    expect(first.queueUrls).toEqual(sources.slice(0, 2));
    const rest = await app().ok('ListDeadLetterSourceQueues', {
      QueueUrl: dlq,
      MaxResults: 2,
      NextToken: first.NextToken,
    });
    expect(rest).toEqual({ queueUrls: sources.slice(2) });
  });

  it('forgets a source once it is deleted', async () => {
    await app().ok('DeleteQueue', { QueueUrl: sources[2] });
    expect((await app().ok('ListDeadLetterSourceQueues', { QueueUrl: dlq })).queueUrls).toEqual(
      sources.slice(0, 2),
    );
  });

  it('refuses MaxResults 1001 and answers QueueDoesNotExist for a queue that does not exist', async () => {
    expect(await app().json('ListDeadLetterSourceQueues', { QueueUrl: dlq, MaxResults: 1001 })).toMatchObject(
      {
        status: 400,
        code: 'InvalidParameterValue',
        message:
          'Value 1001 for parameter MaxResults is invalid. Reason: Must be between 1 and 1000, if provided.',
      },
    );
    expect(
      await app().json('ListDeadLetterSourceQueues', { QueueUrl: app().queueUrl('dlsq-missing') }),
    ).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
    });
  });
});
