import { useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

let queueCount = 0;

async function queueWith(bodies: string[]): Promise<string> {
  const url = await app().createQueue(`dm-${++queueCount}`);
  for (const body of bodies) await app().ok('SendMessage', { QueueUrl: url, MessageBody: body });
  return url;
}

async function receiveHandles(url: string, max = 10, visibility = 30): Promise<string[]> {
  const out = await app().ok('ReceiveMessage', {
    QueueUrl: url,
    MaxNumberOfMessages: max,
    VisibilityTimeout: visibility,
  });
  return (out.Messages ?? []).map((m: { ReceiptHandle: string }) => m.ReceiptHandle);
}

async function stored(url: string): Promise<number> {
  const a = await app().attributes(url, [
    'ApproximateNumberOfMessages',
    'ApproximateNumberOfMessagesNotVisible',
  ]);
  return Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible);
}

describe('DeleteMessage', () => {
  it('deletes a received message by its receipt handle, and again succeeds once it is gone', async () => {
    const url = await queueWith(['x']);
    const [handle] = await receiveHandles(url);
    expect(await app().json('DeleteMessage', { QueueUrl: url, ReceiptHandle: handle })).toEqual({
      status: 200,
      body: {},
    });
    expect(await stored(url)).toBe(0);
    expect((await app().json('DeleteMessage', { QueueUrl: url, ReceiptHandle: handle })).status).toBe(200);
  });

  it('deletes only with the latest receipt: an earlier one succeeds but leaves the message', async () => {
    const url = await queueWith(['x']);
    const [first] = await receiveHandles(url, 1, 0);
    const [latest] = await receiveHandles(url, 1, 30);
    expect((await app().json('DeleteMessage', { QueueUrl: url, ReceiptHandle: first })).status).toBe(200);
    expect(await stored(url)).toBe(1);
    await app().ok('DeleteMessage', { QueueUrl: url, ReceiptHandle: latest });
    expect(await stored(url)).toBe(0);
  });

  it('refuses a forged handle, one of another queue and a made-up one with ReceiptHandleIsInvalid', async () => {
    const url = await queueWith(['x']);
    const other = await queueWith(['y']);
    const [handle] = await receiveHandles(url);
    const [otherHandle] = await receiveHandles(other);
    const forged = `${handle.slice(0, handle.lastIndexOf('.'))}.AAAAAAAAAAAAAAAAAAAAAA`;
    for (const bad of [forged, otherHandle, 'garbage']) {
      expect(await app().json('DeleteMessage', { QueueUrl: url, ReceiptHandle: bad })).toMatchObject({
        status: 404,
        code: 'ReceiptHandleIsInvalid',
        message: `The input receipt handle "${bad}" is not a valid receipt handle.`,
      });
    }
    expect(await stored(url)).toBe(1);
    expect(await stored(other)).toBe(1);
  });

  it('answers MissingParameter without a receipt handle, or an empty one', async () => {
    const url = await queueWith([]);
    for (const input of [{ QueueUrl: url }, { QueueUrl: url, ReceiptHandle: '' }]) {
      expect(await app().json('DeleteMessage', input)).toMatchObject({
        status: 400,
        code: 'MissingParameter',
        message: 'The request must contain the parameter ReceiptHandle.',
      });
    }
  });

  it('answers QueueDoesNotExist once the queue is deleted', async () => {
    const url = await queueWith(['x']);
    const [handle] = await receiveHandles(url);
    await app().ok('DeleteQueue', { QueueUrl: url });
    expect(await app().json('DeleteMessage', { QueueUrl: url, ReceiptHandle: handle })).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });
  });
});

describe('DeleteMessageBatch', () => {
  const batch = (url: string, entries: unknown[]) =>
    app().json('DeleteMessageBatch', { QueueUrl: url, Entries: entries });

  it('deletes each entry and fails invalid handles alone', async () => {
    const url = await queueWith(['a', 'b', 'c']);
    const [a, b] = await receiveHandles(url, 2);
    expect(
      await batch(url, [
        { Id: 'a', ReceiptHandle: a },
        { Id: 'bad', ReceiptHandle: 'garbage' },
        { Id: 'b', ReceiptHandle: b },
      ]),
    ).toEqual({
      status: 200,
      body: {
        Successful: [{ Id: 'a' }, { Id: 'b' }],
        Failed: [
          {
            Id: 'bad',
            SenderFault: true,
            Code: 'ReceiptHandleIsInvalid',
            Message: 'The input receipt handle "garbage" is not a valid receipt handle.',
          },
        ],
      },
    });
    expect(await stored(url)).toBe(1);
  });

  it('applies the batch rules: empty, too many, bad and repeated ids', async () => {
    const url = await queueWith(['x']);
    const [handle] = await receiveHandles(url);
    const entry = (Id: string) => ({ Id, ReceiptHandle: handle });
    expect(await batch(url, [])).toMatchObject({
      status: 400,
      code: 'EmptyBatchRequest',
      message: 'There should be at least one DeleteMessageBatchRequestEntry in the request.',
    });
    expect(
      await batch(
        url,
        Array.from({ length: 11 }, (_, i) => entry(`e${i}`)),
      ),
    ).toMatchObject({
      status: 400,
      code: 'TooManyEntriesInBatchRequest',
      message: 'Maximum number of entries per request are 10. You have sent 11.',
    });
    expect(await batch(url, [entry('a.b')])).toMatchObject({ status: 400, code: 'InvalidBatchEntryId' });
    expect(await batch(url, [entry('a'), entry('a')])).toMatchObject({
      status: 400,
      code: 'BatchEntryIdsNotDistinct',
      message: 'Id a repeated.',
    });
    expect(await stored(url)).toBe(1);
  });

  it('reads entries in the query protocol as DeleteMessageBatchRequestEntry.N', async () => {
    const url = await queueWith(['x']);
    const [handle] = await receiveHandles(url);
    const answer = await app().query('DeleteMessageBatch', {
      QueueUrl: url,
      'DeleteMessageBatchRequestEntry.1.Id': 'only',
      'DeleteMessageBatchRequestEntry.1.ReceiptHandle': handle,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(
      '<DeleteMessageBatchResultEntry><Id>only</Id></DeleteMessageBatchResultEntry>',
    );
    expect(await stored(url)).toBe(0);
  });
});
