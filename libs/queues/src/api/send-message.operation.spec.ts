import { createHash } from 'node:crypto';
import { useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const INVALID_CHARACTERS =
  'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF';

let standard: string;
let small: string;
let fifo: string;
let contentFifo: string;

beforeAll(async () => {
  standard = await app().createQueue('send-standard');
  small = await app().createQueue('send-small', { MaximumMessageSize: '1024' });
  fifo = await app().createQueue('send-orders.fifo');
  contentFifo = await app().createQueue('send-content.fifo', { ContentBasedDeduplication: 'true' });
});

async function counts(url: string) {
  return app().attributes(url, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed']);
}

describe('SendMessage', () => {
  it('answers the message id and the MD5 digests of the body and the attributes', async () => {
    const out = await app().ok('SendMessage', {
      QueueUrl: standard,
      MessageBody: 'héllo',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } },
    });
    expect(out).toEqual({
      MessageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      MD5OfMessageBody: md5('héllo'),
      // As the SDKs compute it: length-prefixed name, type, transport byte 1 and value.
      MD5OfMessageAttributes: '55ed4b7836c74ac3476eb038898fee8b',
    });
  });

  it('answers MD5OfMessageSystemAttributes for an AWSTraceHeader', async () => {
    const out = await app().ok('SendMessage', {
      QueueUrl: standard,
      MessageBody: 'traced',
      MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988' } },
    });
    expect(out.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers MissingParameter for a missing or empty body, storing nothing', async () => {
    const before = await counts(standard);
    for (const input of [{ QueueUrl: standard }, { QueueUrl: standard, MessageBody: '' }]) {
      expect(await app().json('SendMessage', input)).toMatchObject({
        status: 400,
        code: 'MissingParameter',
        message: 'The request must contain the parameter MessageBody.',
      });
    }
    expect(await counts(standard)).toEqual(before);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a bell', 'ring\u0007'],
    ['a lone surrogate', 'x\ud800y'],
    ['U+FFFF', 'x\uffff'],
  ])('refuses a body with %s as InvalidMessageContents', async (_what, body) => {
    expect(await app().json('SendMessage', { QueueUrl: standard, MessageBody: body })).toMatchObject({
      status: 400,
      code: 'InvalidMessageContents',
      message: INVALID_CHARACTERS,
    });
  });

  it('accepts tab, line feed, carriage return and characters beyond the BMP', async () => {
    const body = 'a\tb\nc\rd \u{1F600}';
    expect((await app().ok('SendMessage', { QueueUrl: standard, MessageBody: body })).MD5OfMessageBody).toBe(
      md5(body),
    );
  });

  it.each([-1, 901])('refuses DelaySeconds %i with the whole request', async (delay) => {
    expect(
      await app().json('SendMessage', { QueueUrl: standard, MessageBody: 'x', DelaySeconds: delay }),
    ).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${delay} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`,
    });
  });

  it('delays a message for DelaySeconds on the test clock', async () => {
    const url = await app().createQueue('send-delayed');
    await app().ok('SendMessage', { QueueUrl: url, MessageBody: 'later', DelaySeconds: 900 });
    expect(await counts(url)).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesDelayed: '1',
    });
    app().clock.advanceSeconds(899);
    expect(await app().ok('ReceiveMessage', { QueueUrl: url })).toEqual({});
    app().clock.advanceSeconds(1);
    expect((await app().ok('ReceiveMessage', { QueueUrl: url })).Messages[0].Body).toBe('later');
  });

  it("holds a message to the queue's MaximumMessageSize, counting attribute names, types and values", async () => {
    expect((await app().json('SendMessage', { QueueUrl: small, MessageBody: 'x'.repeat(1024) })).status).toBe(
      200,
    );
    const tooLarge = 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.';
    expect(await app().json('SendMessage', { QueueUrl: small, MessageBody: 'x'.repeat(1025) })).toMatchObject(
      {
        status: 400,
        code: 'InvalidParameterValue',
        message: tooLarge,
      },
    );
    // 1,014 + "pad" (3) + "String" (6) + "x" (1) = 1,024 bytes; one more byte of value is too many.
    const withAttribute = (value: string) =>
      app().json('SendMessage', {
        QueueUrl: small,
        MessageBody: 'x'.repeat(1014),
        MessageAttributes: { pad: { DataType: 'String', StringValue: value } },
      });
    expect((await withAttribute('x')).status).toBe(200);
    expect(await withAttribute('xx')).toMatchObject({ status: 400, message: tooLarge });
  });

  it('counts the body in UTF-8 bytes', async () => {
    expect(
      await app().json('SendMessage', { QueueUrl: small, MessageBody: `${'x'.repeat(1023)}é` }),
    ).toMatchObject({ status: 400, code: 'InvalidParameterValue' });
  });

  it.each([
    [
      'no value',
      { DataType: 'String' },
      "The message attribute 'a' with type 'String' must use field 'String'.",
    ],
    [
      'an unknown type',
      { DataType: 'Colour', StringValue: 'red' },
      "The type of message (user) attribute 'a' is invalid. You must use only the following supported type prefixes: Binary, Number, String.",
    ],
    [
      'a Number that is not one',
      { DataType: 'Number', StringValue: 'ten' },
      "Can't cast the value of message (user) attribute 'a' to a number.",
    ],
  ])('refuses a message attribute with %s', async (_what, value, message) => {
    expect(
      await app().json('SendMessage', {
        QueueUrl: standard,
        MessageBody: 'x',
        MessageAttributes: { a: value },
      }),
    ).toMatchObject({ status: 400, code: 'InvalidParameterValue', message });
  });

  it('refuses more than 10 message attributes', async () => {
    const attributes = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]),
    );
    expect(
      await app().json('SendMessage', {
        QueueUrl: standard,
        MessageBody: 'x',
        MessageAttributes: attributes,
      }),
    ).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: 'Number of message attributes [11] exceeds the allowed maximum [10].',
    });
  });

  it('refuses a MessageDeduplicationId on a standard queue', async () => {
    expect(
      await app().json('SendMessage', { QueueUrl: standard, MessageBody: 'x', MessageDeduplicationId: 'd' }),
    ).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: 'The request include parameter MessageDeduplicationId that is not valid for this queue type.',
    });
  });

  it('answers QueueDoesNotExist for a queue that does not exist, with the query code SQS clients read', async () => {
    expect(
      await app().json('SendMessage', { QueueUrl: app().queueUrl('send-missing'), MessageBody: 'x' }),
    ).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
      queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
      message: 'The specified queue does not exist.',
    });
  });
});

describe('SendMessage to a FIFO queue', () => {
  it('requires a MessageGroupId', async () => {
    expect(
      await app().json('SendMessage', { QueueUrl: fifo, MessageBody: 'x', MessageDeduplicationId: 'd' }),
    ).toMatchObject({
      status: 400,
      code: 'MissingParameter',
      message: 'The request must contain the parameter MessageGroupId.',
    });
  });

  it('requires a de-duplication id unless the queue has ContentBasedDeduplication', async () => {
    expect(
      await app().json('SendMessage', { QueueUrl: fifo, MessageBody: 'x', MessageGroupId: 'g' }),
    ).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message:
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    });
    expect(
      (await app().json('SendMessage', { QueueUrl: contentFifo, MessageBody: 'x', MessageGroupId: 'g' }))
        .status,
    ).toBe(200);
  });

  it('refuses a per-message DelaySeconds', async () => {
    expect(
      await app().json('SendMessage', {
        QueueUrl: fifo,
        MessageBody: 'x',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'delay',
        DelaySeconds: 5,
      }),
    ).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message:
        'Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
    });
  });

  it.each([
    ['MessageGroupId', { MessageGroupId: 'has space', MessageDeduplicationId: 'd' }],
    ['MessageDeduplicationId', { MessageGroupId: 'g', MessageDeduplicationId: 'x'.repeat(129) }],
  ])('refuses a %s outside printable ASCII or longer than 128', async (member, ids) => {
    const answer = await app().json('SendMessage', { QueueUrl: fifo, MessageBody: 'x', ...ids });
    expect(answer).toMatchObject({ status: 400, code: 'InvalidParameterValue' });
    expect(answer.message).toContain(
      `Reason: ${member} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  });

  it('answers a duplicate within 5 minutes with the original MessageId and SequenceNumber, storing it once', async () => {
    const url = await app().createQueue('send-dedup.fifo');
    const send = (body: string) =>
      app().ok('SendMessage', {
        QueueUrl: url,
        MessageBody: body,
        MessageGroupId: 'g',
        MessageDeduplicationId: 'once',
      });
    const first = await send('first');
    expect(first.SequenceNumber).toMatch(/^\d{20}$/);
    app().clock.advanceSeconds(299);
    expect(await send('second')).toEqual({ ...first, MD5OfMessageBody: md5('second') });
    expect((await counts(url)).ApproximateNumberOfMessages).toBe('1');
    app().clock.advanceSeconds(2);
    const after = await send('third');
    expect(after.MessageId).not.toBe(first.MessageId);
    expect(BigInt(after.SequenceNumber)).toBeGreaterThan(BigInt(first.SequenceNumber));
    expect((await counts(url)).ApproximateNumberOfMessages).toBe('2');
  });

  it('de-duplicates by content with ContentBasedDeduplication', async () => {
    const url = await app().createQueue('send-by-content.fifo', { ContentBasedDeduplication: 'true' });
    const a = await app().ok('SendMessage', { QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g1' });
    const b = await app().ok('SendMessage', { QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g2' });
    expect(b.MessageId).toBe(a.MessageId);
    expect((await counts(url)).ApproximateNumberOfMessages).toBe('1');
  });
});

describe('SendMessageBatch', () => {
  const entries = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageBody: `body ${i}` }));

  it('answers each entry with its Id, message id and digest', async () => {
    const out = await app().ok('SendMessageBatch', { QueueUrl: standard, Entries: entries(2) });
    expect(out).toEqual({
      Successful: [
        { Id: 'm0', MessageId: expect.any(String), MD5OfMessageBody: md5('body 0') },
        { Id: 'm1', MessageId: expect.any(String), MD5OfMessageBody: md5('body 1') },
      ],
      Failed: [],
    });
  });

  it('refuses an empty batch with EmptyBatchRequest', async () => {
    expect(await app().json('SendMessageBatch', { QueueUrl: standard, Entries: [] })).toMatchObject({
      status: 400,
      code: 'EmptyBatchRequest',
      queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest',
      message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
    });
  });

  it('refuses 11 entries with TooManyEntriesInBatchRequest', async () => {
    expect(await app().json('SendMessageBatch', { QueueUrl: standard, Entries: entries(11) })).toMatchObject({
      status: 400,
      code: 'TooManyEntriesInBatchRequest',
      message: 'Maximum number of entries per request are 10. You have sent 11.',
    });
  });

  it.each(['a b', 'a.b', 'i'.repeat(81)])('refuses the entry id %j with InvalidBatchEntryId', async (id) => {
    expect(
      await app().json('SendMessageBatch', { QueueUrl: standard, Entries: [{ Id: id, MessageBody: 'x' }] }),
    ).toMatchObject({
      status: 400,
      code: 'InvalidBatchEntryId',
      message:
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    });
  });

  it('refuses repeated entry ids with BatchEntryIdsNotDistinct, storing nothing', async () => {
    const url = await app().createQueue('send-batch-distinct');
    const answer = await app().json('SendMessageBatch', {
      QueueUrl: url,
      Entries: [
        { Id: 'same', MessageBody: 'a' },
        { Id: 'same', MessageBody: 'b' },
      ],
    });
    expect(answer).toMatchObject({
      status: 400,
      code: 'BatchEntryIdsNotDistinct',
      message: 'Id same repeated.',
    });
    expect((await counts(url)).ApproximateNumberOfMessages).toBe('0');
  });

  it('fails entries alone: a bad DelaySeconds, a body too large, invalid characters', async () => {
    const url = await app().createQueue('send-batch-partial', { MaximumMessageSize: '1024' });
    const out = await app().ok('SendMessageBatch', {
      QueueUrl: url,
      Entries: [
        { Id: 'good', MessageBody: 'fine' },
        { Id: 'delay', MessageBody: 'x', DelaySeconds: 901 },
        { Id: 'large', MessageBody: 'x'.repeat(1025) },
        { Id: 'chars', MessageBody: 'a\u0000' },
        { Id: 'delayed', MessageBody: 'y', DelaySeconds: 900 },
      ],
    });
    expect(out.Successful.map((e: { Id: string }) => e.Id)).toEqual(['good', 'delayed']);
    expect(out.Failed).toEqual([
      {
        Id: 'delay',
        SenderFault: true,
        Code: 'InvalidParameterValue',
        Message:
          'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.',
      },
      { Id: 'chars', SenderFault: true, Code: 'InvalidMessageContents', Message: INVALID_CHARACTERS },
      {
        Id: 'large',
        SenderFault: true,
        Code: 'InvalidParameterValue',
        Message: 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
      },
    ]);
    expect(await counts(url)).toEqual({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesDelayed: '1',
    });
  });

  it('refuses a batch whose messages together exceed 1 MiB with BatchRequestTooLong, storing nothing', async () => {
    const url = await app().createQueue('send-batch-long');
    const answer = await app().json('SendMessageBatch', {
      QueueUrl: url,
      Entries: Array.from({ length: 5 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x'.repeat(210_000) })),
    });
    expect(answer).toMatchObject({
      status: 400,
      code: 'BatchRequestTooLong',
      message: 'Batch requests cannot be longer than 1048576 bytes. You have sent 1050000 bytes.',
    });
    expect((await counts(url)).ApproximateNumberOfMessages).toBe('0');
  });

  it('fails FIFO entries without a group or a de-duplication id alone, and answers duplicates with the original', async () => {
    const url = await app().createQueue('send-batch.fifo');
    const first = await app().ok('SendMessage', {
      QueueUrl: url,
      MessageBody: 'original',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'dup',
    });
    const out = await app().ok('SendMessageBatch', {
      QueueUrl: url,
      Entries: [
        { Id: 'dup', MessageBody: 'again', MessageGroupId: 'g', MessageDeduplicationId: 'dup' },
        { Id: 'nogroup', MessageBody: 'x', MessageDeduplicationId: 'n1' },
        { Id: 'nodedup', MessageBody: 'x', MessageGroupId: 'g' },
        { Id: 'new', MessageBody: 'new', MessageGroupId: 'g', MessageDeduplicationId: 'n2' },
      ],
    });
    expect(out.Successful).toEqual([
      {
        Id: 'dup',
        MessageId: first.MessageId,
        MD5OfMessageBody: md5('again'),
        SequenceNumber: first.SequenceNumber,
      },
      {
        Id: 'new',
        MessageId: expect.any(String),
        MD5OfMessageBody: md5('new'),
        SequenceNumber: expect.any(String),
      },
    ]);
    expect(out.Failed.map((f: { Id: string; Code: string }) => [f.Id, f.Code])).toEqual([
      ['nogroup', 'MissingParameter'],
      ['nodedup', 'InvalidParameterValue'],
    ]);
    expect((await counts(url)).ApproximateNumberOfMessages).toBe('2');
  });
});
