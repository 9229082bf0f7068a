import { SqsTestApp, useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

const NAME_RULE = 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';

async function queueNames(sqs: SqsTestApp, prefix: string): Promise<string[]> {
  const out = await sqs.ok('ListQueues', { QueueNamePrefix: prefix });
  return (out.QueueUrls ?? []).map((url: string) => url.slice(url.lastIndexOf('/') + 1));
}

describe('CreateQueue names', () => {
  it('accepts letters, digits, hyphens and underscores up to 80 characters, and answers the queue URL', async () => {
    const name = `cq-Name_1-${'x'.repeat(70)}`;
    expect(name).toHaveLength(80);
    expect(await app().json('CreateQueue', { QueueName: name })).toEqual({
      status: 200,
      body: { QueueUrl: `http://sqs.test:4566/000000000000/${name}` },
    });
  });

  it.each([
    ['81 characters', `cq-${'x'.repeat(78)}`],
    ['a space', 'cq bad'],
    ['a dot', 'cq.dotted'],
    ['a slash', 'cq/slash'],
    ['a non-ASCII letter', 'cq-é'],
  ])('refuses a name with %s', async (_what, name) => {
    expect(await app().json('CreateQueue', { QueueName: name })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: NAME_RULE,
    });
    expect(await queueNames(app(), 'cq')).not.toContain(name);
  });

  it('answers MissingParameter without a name, and for an empty one', async () => {
    for (const input of [{}, { QueueName: '' }]) {
      expect(await app().json('CreateQueue', input)).toMatchObject({
        status: 400,
        code: 'MissingParameter',
        message: 'The request must contain the parameter QueueName.',
      });
    }
  });

  it('counts the .fifo suffix in the 80 characters of a FIFO queue name', async () => {
    const longest = `${'f'.repeat(75)}.fifo`;
    expect(
      (await app().json('CreateQueue', { QueueName: longest, Attributes: { FifoQueue: 'true' } })).status,
    ).toBe(200);
    const tooLong = `${'g'.repeat(76)}.fifo`;
    expect(
      await app().json('CreateQueue', { QueueName: tooLong, Attributes: { FifoQueue: 'true' } }),
    ).toMatchObject({ status: 400, code: 'InvalidParameterValue', message: NAME_RULE });
  });

  it('makes a .fifo queue with FifoQueue true a FIFO queue with the FIFO defaults', async () => {
    const url = await app().createQueue('cq-orders.fifo');
    expect(await app().attributes(url)).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      DeduplicationScope: 'queue',
      FifoThroughputLimit: 'perQueue',
    });
  });

  it('accepts FifoQueue false on a standard queue and stores no FIFO attribute', async () => {
    const url = await app().createQueue('cq-not-fifo', { FifoQueue: 'false' });
    const attributes = await app().attributes(url);
    expect(attributes).not.toHaveProperty('FifoQueue');
    expect(attributes).not.toHaveProperty('ContentBasedDeduplication');
  });
});

describe('CreateQueue attributes', () => {
  it('stores the defaults of every attribute not given', async () => {
    const url = await app().createQueue('cq-defaults');
    expect(await app().attributes(url)).toEqual({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:cq-defaults',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      DelaySeconds: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0',
      VisibilityTimeout: '30',
      SqsManagedSseEnabled: 'true',
      CreatedTimestamp: String(app().clock.now() / 1000),
      LastModifiedTimestamp: String(app().clock.now() / 1000),
    });
  });

  it('refuses an unknown attribute name with InvalidAttributeName, creating nothing', async () => {
    expect(
      await app().json('CreateQueue', { QueueName: 'cq-colour', Attributes: { Colour: 'blue' } }),
    ).toMatchObject({ status: 400, code: 'InvalidAttributeName', message: 'Unknown Attribute Colour.' });
    expect(await queueNames(app(), 'cq-colour')).toEqual([]);
  });

  it('refuses a computed attribute as unknown', async () => {
    expect(
      await app().json('CreateQueue', { QueueName: 'cq-computed', Attributes: { QueueArn: 'arn' } }),
    ).toMatchObject({ status: 400, code: 'InvalidAttributeName', message: 'Unknown Attribute QueueArn.' });
  });

  it.each([
    ['DelaySeconds', '901'],
    ['DelaySeconds', '-1'],
    ['MaximumMessageSize', '1023'],
    ['MaximumMessageSize', '1048577'],
    ['MessageRetentionPeriod', '59'],
    ['MessageRetentionPeriod', '1209601'],
    ['ReceiveMessageWaitTimeSeconds', '21'],
    ['VisibilityTimeout', '43201'],
    ['VisibilityTimeout', 'soon'],
    ['KmsDataKeyReusePeriodSeconds', '59'],
    ['SqsManagedSseEnabled', 'yes'],
    ['Policy', 'not json'],
  ])('refuses %s %s with InvalidAttributeValue, creating nothing', async (name, value) => {
    expect(
      await app().json('CreateQueue', { QueueName: 'cq-bad-value', Attributes: { [name]: value } }),
    ).toMatchObject({
      status: 400,
      code: 'InvalidAttributeValue',
      message: `Invalid value for the parameter ${name}.`,
    });
    expect(await queueNames(app(), 'cq-bad-value')).toEqual([]);
  });

  it('accepts the bounds of every numeric attribute', async () => {
    const url = await app().createQueue('cq-bounds', {
      DelaySeconds: '900',
      MaximumMessageSize: '1024',
      MessageRetentionPeriod: '60',
      ReceiveMessageWaitTimeSeconds: '20',
      VisibilityTimeout: '0',
    });
    expect(await app().attributes(url)).toMatchObject({
      DelaySeconds: '900',
      MaximumMessageSize: '1024',
      MessageRetentionPeriod: '60',
      ReceiveMessageWaitTimeSeconds: '20',
      VisibilityTimeout: '0',
    });
  });

  it('refuses FIFO-only attributes on a standard queue as unknown', async () => {
    for (const [name, value] of [
      ['ContentBasedDeduplication', 'true'],
      ['DeduplicationScope', 'messageGroup'],
      ['FifoThroughputLimit', 'perQueue'],
    ]) {
      expect(
        await app().json('CreateQueue', { QueueName: 'cq-std-fifo-attr', Attributes: { [name]: value } }),
      ).toMatchObject({ status: 400, code: 'InvalidAttributeName', message: `Unknown Attribute ${name}.` });
    }
  });

  it('refuses high-throughput FIFO (perMessageGroupId) with queue-wide de-duplication', async () => {
    expect(
      await app().json('CreateQueue', {
        QueueName: 'cq-throughput.fifo',
        Attributes: {
          FifoQueue: 'true',
          FifoThroughputLimit: 'perMessageGroupId',
          DeduplicationScope: 'queue',
        },
      }),
    ).toMatchObject({ status: 400, code: 'InvalidAttributeValue' });
    const url = await app().createQueue('cq-throughput.fifo', {
      FifoThroughputLimit: 'perMessageGroupId',
      DeduplicationScope: 'messageGroup',
    });
    expect(await app().attributes(url, ['FifoThroughputLimit', 'DeduplicationScope'])).toEqual({
      FifoThroughputLimit: 'perMessageGroupId',
      DeduplicationScope: 'messageGroup',
    });
  });
});

describe('CreateQueue of an existing name', () => {
  it('answers the same URL when the given attributes match, and changes nothing', async () => {
    const url = await app().createQueue('cq-same', { VisibilityTimeout: '45' });
    app().clock.advanceSeconds(10);
    expect(await app().createQueue('cq-same', { VisibilityTimeout: '45' })).toBe(url);
    expect(await app().createQueue('cq-same')).toBe(url);
    expect(await app().attributes(url, ['VisibilityTimeout', 'LastModifiedTimestamp'])).toEqual({
      VisibilityTimeout: '45',
      LastModifiedTimestamp: String((app().clock.now() - 10_000) / 1000),
    });
  });

  it('compares normalised values, so 045 matches 45', async () => {
    const url = await app().createQueue('cq-normalised', { DelaySeconds: '45' });
    expect(await app().createQueue('cq-normalised', { DelaySeconds: '045' })).toBe(url);
  });

  it('answers QueueNameExists naming the attribute that differs, with the query code QueueAlreadyExists', async () => {
    await app().createQueue('cq-differs', { VisibilityTimeout: '45', DelaySeconds: '5' });
    expect(
      await app().json('CreateQueue', {
        QueueName: 'cq-differs',
        Attributes: { VisibilityTimeout: '45', DelaySeconds: '6' },
      }),
    ).toMatchObject({
      status: 400,
      code: 'QueueNameExists',
      queryCode: 'QueueAlreadyExists',
      message: 'A queue already exists with the same name and a different value for attribute DelaySeconds',
    });
  });

  it('compares a given default with the stored default', async () => {
    await app().createQueue('cq-default-differs', { VisibilityTimeout: '45' });
    expect(
      await app().json('CreateQueue', {
        QueueName: 'cq-default-differs',
        Attributes: { VisibilityTimeout: '30' },
      }),
    ).toMatchObject({ status: 400, code: 'QueueNameExists' });
  });
});

describe('CreateQueue tags', () => {
  it('stores the tags given', async () => {
    const url = await app().createQueue('cq-tagged', {}, { team: 'queues', 'cost-centre': '42' });
    expect(await app().ok('ListQueueTags', { QueueUrl: url })).toEqual({
      Tags: { team: 'queues', 'cost-centre': '42' },
    });
  });

  it('reads tags in the query protocol as Tag.N.Key / Tag.N.Value', async () => {
    const created = await app().query('CreateQueue', {
      QueueName: 'cq-query-tags',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'queues',
      'Attribute.1.Name': 'DelaySeconds',
      'Attribute.1.Value': '7',
    });
    expect(created.status).toBe(200);
    const url = app().queueUrl('cq-query-tags');
    expect(await app().ok('ListQueueTags', { QueueUrl: url })).toEqual({ Tags: { team: 'queues' } });
    expect(await app().attributes(url, ['DelaySeconds'])).toEqual({ DelaySeconds: '7' });
  });

  it.each([
    [
      '51 tags',
      Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
      'Too many tags added for queue. The maximum number of tags is 50.',
    ],
    [
      'a 129-character key',
      { ['k'.repeat(129)]: 'v' },
      `Tag key ${'k'.repeat(129)} must be 1 to 128 characters long.`,
    ],
    [
      'a 257-character value',
      { k: 'v'.repeat(257) },
      'Tag value for key k must be a string of at most 256 characters.',
    ],
    [
      'a key with the aws: prefix',
      { 'AWS:owner': 'me' },
      'Tag key AWS:owner must not start with the reserved prefix aws:.',
    ],
  ])('refuses %s, creating nothing', async (_what, tags, message) => {
    expect(await app().json('CreateQueue', { QueueName: 'cq-bad-tags', tags })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message,
    });
    expect(await queueNames(app(), 'cq-bad-tags')).toEqual([]);
  });

  it('accepts 50 tags, and keys and values at their longest', async () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    const url = await app().createQueue('cq-fifty-tags', {}, fifty);
    expect(Object.keys((await app().ok('ListQueueTags', { QueueUrl: url })).Tags)).toHaveLength(50);
    await app().createQueue('cq-long-tag', {}, { ['k'.repeat(128)]: 'v'.repeat(256) });
  });
});
