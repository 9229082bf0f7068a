import { TEST_EPOCH_MS } from '../test-support/test-clock';
import { LongPollWaiter } from './long-poll.waiter';
import { useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

let queue: string;

beforeAll(async () => {
  queue = await app().createQueue('recv-limits');
});

async function send(url: string, body: string, extra: Record<string, unknown> = {}) {
  return app().ok('SendMessage', { QueueUrl: url, MessageBody: body, ...extra });
}

async function receive(url: string, extra: Record<string, unknown> = {}) {
  return (await app().ok('ReceiveMessage', { QueueUrl: url, ...extra })).Messages ?? [];
}

describe('ReceiveMessage limits, in SQS words', () => {
  it.each([
    ['MaxNumberOfMessages', 0, 'Must be between 1 and 10, if provided.'],
    ['MaxNumberOfMessages', 11, 'Must be between 1 and 10, if provided.'],
    ['VisibilityTimeout', -1, 'Must be >= 0 and <= 43200, if provided.'],
    ['VisibilityTimeout', 43_201, 'Must be >= 0 and <= 43200, if provided.'],
    ['WaitTimeSeconds', -1, 'Must be >= 0 and <= 20, if provided.'],
    ['WaitTimeSeconds', 21, 'Must be >= 0 and <= 20, if provided.'],
  ])('refuses %s %i', async (member, value, reason) => {
    expect(await app().json('ReceiveMessage', { QueueUrl: queue, [member]: value })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${value} for parameter ${member} is invalid. Reason: ${reason}`,
    });
  });

  it('words a bad value the same way in the query protocol', async () => {
    expect(await app().query('ReceiveMessage', { QueueUrl: queue, MaxNumberOfMessages: 11 })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message:
        'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
  });

  it('answers a JSON number where an integer belongs with a SerializationException naming the member', async () => {
    expect(await app().json('ReceiveMessage', { QueueUrl: queue, MaxNumberOfMessages: '5' })).toMatchObject({
      status: 400,
      code: 'SerializationException',
      message: 'STRING_VALUE can not be converted to an Integer (member MaxNumberOfMessages).',
    });
  });

  it('refuses a ReceiveRequestAttemptId outside printable ASCII or longer than 128 characters', async () => {
    const url = await app().createQueue('recv-attempt.fifo');
    for (const id of ['has space', 'x'.repeat(129)]) {
      expect(
        await app().json('ReceiveMessage', { QueueUrl: url, ReceiveRequestAttemptId: id }),
      ).toMatchObject({
        status: 400,
        code: 'InvalidParameterValue',
        message: `Value ${id} for parameter ReceiveRequestAttemptId is invalid. Reason: ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
      });
    }
    expect(
      (await app().json('ReceiveMessage', { QueueUrl: url, ReceiveRequestAttemptId: 'x'.repeat(128) }))
        .status,
    ).toBe(200);
  });

  it('answers QueueDoesNotExist for a queue that does not exist', async () => {
    expect(await app().json('ReceiveMessage', { QueueUrl: app().queueUrl('recv-missing') })).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
    });
  });
});

describe('ReceiveMessage', () => {
  it('answers an empty object when nothing is receivable', async () => {
    const url = await app().createQueue('recv-empty');
    expect(await app().json('ReceiveMessage', { QueueUrl: url })).toEqual({ status: 200, body: {} });
  });

  it('hands out one message by default and up to MaxNumberOfMessages, hiding each for the visibility timeout', async () => {
    const url = await app().createQueue('recv-count', { VisibilityTimeout: '30' });
    for (let i = 0; i < 12; i++) await send(url, `m${i}`);
    expect(await receive(url)).toHaveLength(1);
    expect(await receive(url, { MaxNumberOfMessages: 10 })).toHaveLength(10);
    expect(await receive(url, { MaxNumberOfMessages: 10 })).toHaveLength(1);
    expect(await receive(url, { MaxNumberOfMessages: 10 })).toHaveLength(0);
    app().clock.advanceSeconds(30);
    expect(await receive(url, { MaxNumberOfMessages: 10 })).toHaveLength(10);
  });

  it('hides a message for the VisibilityTimeout of the request rather than the queue', async () => {
    const url = await app().createQueue('recv-visibility', { VisibilityTimeout: '30' });
    await send(url, 'x');
    await receive(url, { VisibilityTimeout: 5 });
    app().clock.advanceSeconds(4);
    expect(await receive(url)).toHaveLength(0);
    app().clock.advanceSeconds(1);
    expect(await receive(url)).toHaveLength(1);
  });

  it('gives each receive its own receipt handle and counts the receives', async () => {
    const url = await app().createQueue('recv-receipts');
    await send(url, 'x');
    const [first] = await receive(url, { VisibilityTimeout: 0, AttributeNames: ['ApproximateReceiveCount'] });
    const [second] = await receive(url, {
      VisibilityTimeout: 0,
      AttributeNames: ['ApproximateReceiveCount'],
    });
    expect(first.MessageId).toBe(second.MessageId);
    expect(first.ReceiptHandle).not.toBe(second.ReceiptHandle);
    expect([first.Attributes, second.Attributes]).toEqual([
      { ApproximateReceiveCount: '1' },
      { ApproximateReceiveCount: '2' },
    ]);
  });

  it('answers the body, its MD5 and, with All, the system attributes of a standard message', async () => {
    const url = await app().createQueue('recv-system');
    const sentAt = app().clock.now();
    const sent = await send(url, 'body');
    app().clock.advanceSeconds(3);
    const [m] = await receive(url, { MessageSystemAttributeNames: ['All'] });
    expect(m).toEqual({
      MessageId: sent.MessageId,
      ReceiptHandle: expect.any(String),
      MD5OfBody: sent.MD5OfMessageBody,
      Body: 'body',
      Attributes: {
        SenderId: '000000000000',
        SentTimestamp: String(sentAt),
        ApproximateReceiveCount: '1',
        ApproximateFirstReceiveTimestamp: String(sentAt + 3000),
      },
    });
    expect(sentAt).toBeGreaterThanOrEqual(TEST_EPOCH_MS);
  });

  it('selects system attributes by name from AttributeNames and MessageSystemAttributeNames alike', async () => {
    const url = await app().createQueue('recv-select-system');
    await send(url, 'x');
    const [m] = await receive(url, {
      VisibilityTimeout: 0,
      AttributeNames: ['SentTimestamp'],
      MessageSystemAttributeNames: ['SenderId'],
    });
    expect(Object.keys(m.Attributes).sort()).toEqual(['SenderId', 'SentTimestamp']);
    const [none] = await receive(url);
    expect(none).not.toHaveProperty('Attributes');
  });

  it('answers the FIFO system attributes of a FIFO message', async () => {
    const url = await app().createQueue('recv-fifo-system.fifo');
    const sent = await send(url, 'x', { MessageGroupId: 'g', MessageDeduplicationId: 'd' });
    const [m] = await receive(url, { AttributeNames: ['All'] });
    expect(m.Attributes).toMatchObject({
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd',
      SequenceNumber: sent.SequenceNumber,
    });
  });

  it('selects message attributes by All, .*, exact name or prefix.*, with the digest of those returned', async () => {
    const url = await app().createQueue('recv-select-attributes');
    const attributes = {
      'order.id': { DataType: 'Number', StringValue: '7' },
      'order.kind': { DataType: 'String', StringValue: 'new' },
      trace: { DataType: 'String', StringValue: 't' },
    };
    await send(url, 'x', { MessageAttributes: attributes });
    const names = async (requested?: string[]) => {
      const [m] = await receive(url, { VisibilityTimeout: 0, MessageAttributeNames: requested });
      return [Object.keys(m.MessageAttributes ?? {}).sort(), m.MD5OfMessageAttributes !== undefined];
    };
    expect(await names(undefined)).toEqual([[], false]);
    expect(await names(['All'])).toEqual([['order.id', 'order.kind', 'trace'], true]);
    expect(await names(['.*'])).toEqual([['order.id', 'order.kind', 'trace'], true]);
    expect(await names(['order.*'])).toEqual([['order.id', 'order.kind'], true]);
    expect(await names(['trace', 'missing'])).toEqual([['trace'], true]);
    expect(await names(['missing'])).toEqual([[], false]);
  });

  it('answers at once with what it has when WaitTimeSeconds is given and a message is there', async () => {
    const url = await app().createQueue('recv-wait');
    await send(url, 'ready');
    // Costing what a receive without a wait costs: no subscription, no sleep, one store step.
    const waiter = app().get(LongPollWaiter);
    const acquire = jest.spyOn(waiter, 'acquire');
    const sleep = jest.spyOn(waiter, 'sleep');
    try {
      expect((await receive(url, { WaitTimeSeconds: 20 })).map((m: { Body: string }) => m.Body)).toEqual([
        'ready',
      ]);
      expect([acquire.mock.calls.length, sleep.mock.calls.length]).toEqual([0, 0]);
    } finally {
      acquire.mockRestore();
      sleep.mockRestore();
    }
  });

  it('drops messages past the retention period', async () => {
    const url = await app().createQueue('recv-retention', { MessageRetentionPeriod: '60' });
    await send(url, 'old');
    app().clock.advanceSeconds(61);
    expect(await receive(url)).toEqual([]);
    expect((await app().attributes(url, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages).toBe(
      '0',
    );
  });
});

describe('ReceiveMessage and dead-letter queues', () => {
  it('moves a message received more than maxReceiveCount times to the dead-letter queue', async () => {
    const dlq = await app().createQueue('recv-dlq');
    const source = await app().createQueue('recv-source', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: app().queueArn('recv-dlq'), maxReceiveCount: 2 }),
    });
    const sent = await send(source, 'poison');
    expect(await receive(source, { VisibilityTimeout: 0 })).toHaveLength(1);
    expect(await receive(source, { VisibilityTimeout: 0 })).toHaveLength(1);
    expect(await receive(source, { VisibilityTimeout: 0 })).toEqual([]);
    const [dead] = await receive(dlq, { AttributeNames: ['All'] });
    expect(dead).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'poison',
      Attributes: {
        DeadLetterQueueSourceArn: app().queueArn('recv-source'),
        SentTimestamp: String(app().clock.now()),
      },
    });
    expect(
      await app().attributes(source, [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
      ]),
    ).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('dead-letters FIFO messages in their group order and unblocks the group', async () => {
    await app().createQueue('recv-fifo-dlq.fifo');
    const source = await app().createQueue('recv-fifo-source.fifo', {
      ContentBasedDeduplication: 'true',
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: app().queueArn('recv-fifo-dlq.fifo'),
        maxReceiveCount: 1,
      }),
    });
    await send(source, 'first', { MessageGroupId: 'g' });
    await send(source, 'second', { MessageGroupId: 'g' });
    expect((await receive(source, { VisibilityTimeout: 0 })).map((m: { Body: string }) => m.Body)).toEqual([
      'first',
    ]);
    expect((await receive(source, { VisibilityTimeout: 0 })).map((m: { Body: string }) => m.Body)).toEqual([
      'second',
    ]);
    const dlq = app().queueUrl('recv-fifo-dlq.fifo');
    const [dead] = await receive(dlq, { AttributeNames: ['MessageGroupId'] });
    expect(dead).toMatchObject({ Body: 'first', Attributes: { MessageGroupId: 'g' } });
  });
});

describe('ReceiveMessage for a client that hangs up', () => {
  it('stops a long poll whose client hung up, and leaves what arrives afterwards to live consumers', async () => {
    const url = await app().createQueue('recv-hung-up-poll');
    const connection = new AbortController();
    const poll = app().json(
      'ReceiveMessage',
      { QueueUrl: url, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 },
      connection.signal,
    );
    await new Promise((r) => setTimeout(r, 100));
    connection.abort();
    await send(url, 'after the hang-up');
    expect((await poll).body).toEqual({});
    const [m] = await receive(url, { AttributeNames: ['ApproximateReceiveCount'] });
    expect(m).toMatchObject({ Body: 'after the hang-up', Attributes: { ApproximateReceiveCount: '1' } });
  });

  it('hands back what a receive took when its client hung up before the answer could be written', async () => {
    const url = await app().createQueue('recv-hung-up');
    for (const body of ['a', 'b', 'c']) await send(url, body);
    const connection = new AbortController();
    const answer = app().json(
      'ReceiveMessage',
      { QueueUrl: url, MaxNumberOfMessages: 10 },
      connection.signal,
    );
    // The receive step is in Redis by now: the client leaves between it and the answer.
    connection.abort();
    expect((await answer).body).toEqual({});
    app().clock.advanceSeconds(1);
    const again = await receive(url, {
      MaxNumberOfMessages: 10,
      AttributeNames: ['ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'],
    });
    expect(again.map((m: { Body: string }) => m.Body).sort()).toEqual(['a', 'b', 'c']);
    for (const m of again) {
      expect(m.Attributes).toEqual({
        ApproximateReceiveCount: '1',
        ApproximateFirstReceiveTimestamp: String(app().clock.now()),
      });
    }
  });

  it('takes nothing for a client that hung up before its receive began', async () => {
    const url = await app().createQueue('recv-hung-up-early');
    await send(url, 'x');
    const connection = new AbortController();
    connection.abort();
    expect((await app().json('ReceiveMessage', { QueueUrl: url }, connection.signal)).body).toEqual({});
    expect(
      await app().attributes(url, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible']),
    ).toEqual({ ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '0' });
  });
});

describe('ReceiveMessage at the in-flight quota', () => {
  const limited = useSqsTestApp({ maxInFlight: 3 });

  async function fill(
    url: string,
    count: number,
    extra: (i: number) => Record<string, unknown> = () => ({}),
  ) {
    for (let i = 0; i < count; i++) {
      await limited().ok('SendMessage', { QueueUrl: url, MessageBody: `m${i}`, ...extra(i) });
    }
  }

  async function take(url: string) {
    return (await limited().ok('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 })).Messages ?? [];
  }

  it('hands out no more than the quota, then refuses a short poll of a standard queue with OverLimit', async () => {
    const url = await limited().createQueue('quota-standard');
    await fill(url, 5);
    expect(await take(url)).toHaveLength(3);
    for (const call of [limited().json.bind(limited()), limited().query.bind(limited())]) {
      expect(await call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 })).toMatchObject({
        status: 403,
        code: 'OverLimit',
        message:
          'The queue has 3 messages in flight, the most it allows; delete messages or let their visibility timeouts end before receiving more.',
      });
    }
    // Nothing was taken by the refused receives.
    expect(
      await limited().attributes(url, [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
      ]),
    ).toEqual({ ApproximateNumberOfMessages: '2', ApproximateNumberOfMessagesNotVisible: '3' });
  });

  it('makes room as messages are deleted or their visibility timeouts end', async () => {
    const url = await limited().createQueue('quota-room', { VisibilityTimeout: '30' });
    await fill(url, 6);
    const first = await take(url);
    await limited().ok('DeleteMessage', { QueueUrl: url, ReceiptHandle: first[0].ReceiptHandle });
    expect(await take(url)).toHaveLength(1);
    limited().clock.advanceSeconds(31);
    // The three in flight are visible again: the quota is free, and the receive takes three of the five left.
    expect(await take(url)).toHaveLength(3);
  });

  it('gives a FIFO queue at the quota no messages and no error', async () => {
    const url = await limited().createQueue('quota.fifo', { ContentBasedDeduplication: 'true' });
    await fill(url, 5, (i) => ({ MessageGroupId: `g${i}` }));
    expect(await take(url)).toHaveLength(3);
    expect(await limited().json('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 })).toMatchObject({
      status: 200,
      body: {},
    });
  });
});
