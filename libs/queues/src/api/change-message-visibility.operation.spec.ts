import { useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

let queueCount = 0;

/** A fresh queue with one message received (hidden for 60 s by default); returns the queue and the receipt handle. */
async function received(visibilityTimeout = 60): Promise<{ url: string; handle: string }> {
  const url = await app().createQueue(`cmv-${++queueCount}`);
  await app().ok('SendMessage', { QueueUrl: url, MessageBody: 'x' });
  const out = await app().ok('ReceiveMessage', { QueueUrl: url, VisibilityTimeout: visibilityTimeout });
  return { url, handle: out.Messages[0].ReceiptHandle };
}

async function visibleCount(url: string): Promise<string> {
  return (await app().attributes(url, ['ApproximateNumberOfMessages'])).ApproximateNumberOfMessages;
}

const change = (url: string, handle: string, timeout: number) =>
  app().json('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: timeout });

describe('ChangeMessageVisibility', () => {
  it('hides a received message for the new timeout, counted from now', async () => {
    const { url, handle } = await received();
    app().clock.advanceSeconds(50);
    expect(await change(url, handle, 30)).toEqual({ status: 200, body: {} });
    app().clock.advanceSeconds(29);
    expect(await visibleCount(url)).toBe('0');
    app().clock.advanceSeconds(1);
    expect(await visibleCount(url)).toBe('1');
  });

  it('makes a message receivable at once with 0', async () => {
    const { url, handle } = await received();
    await change(url, handle, 0);
    expect(await visibleCount(url)).toBe('1');
  });

  it.each([-1, 43_201])('refuses VisibilityTimeout %i', async (timeout) => {
    const { url, handle } = await received();
    expect(await change(url, handle, timeout)).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${timeout} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.`,
    });
  });

  it('refuses a timeout that would end more than 12 hours after the receive, keeping the message hidden', async () => {
    const { url, handle } = await received(43_200);
    app().clock.advanceSeconds(3600);
    expect(await change(url, handle, 43_200 - 3600)).toEqual({ status: 200, body: {} });
    expect(await change(url, handle, 43_200 - 3599)).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message:
        'Value 39601 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]',
    });
    expect(await visibleCount(url)).toBe('0');
  });

  it('counts the 12 hours from the latest receive', async () => {
    const { url, handle } = await received();
    await change(url, handle, 0);
    app().clock.advanceSeconds(3600);
    const again = await app().ok('ReceiveMessage', { QueueUrl: url });
    expect(await change(url, again.Messages[0].ReceiptHandle, 43_200)).toEqual({ status: 200, body: {} });
  });

  it('answers MessageNotInflight for a message whose visibility timeout has ended', async () => {
    const { url, handle } = await received();
    app().clock.advanceSeconds(60);
    expect(await change(url, handle, 30)).toMatchObject({
      status: 400,
      code: 'MessageNotInflight',
      queryCode: 'AWS.SimpleQueueService.MessageNotInflight',
      message: 'The message referred to is not in flight.',
    });
  });

  it('refuses the receipt of an earlier receive, and of a deleted message', async () => {
    const { url, handle } = await received();
    await change(url, handle, 0);
    const again = await app().ok('ReceiveMessage', { QueueUrl: url });
    const stale = {
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    };
    expect(await change(url, handle, 10)).toMatchObject(stale);
    await app().ok('DeleteMessage', { QueueUrl: url, ReceiptHandle: again.Messages[0].ReceiptHandle });
    expect(await change(url, again.Messages[0].ReceiptHandle, 10)).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
    });
  });

  it('refuses a made-up receipt handle, and one of another queue, with ReceiptHandleIsInvalid', async () => {
    const { url, handle } = await received();
    const other = await received();
    // The handle with its MAC's last character changed (to one it is not).
    const tampered = `${handle.slice(0, -1)}${handle.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of ['garbage', other.handle, tampered]) {
      expect(await change(url, bad, 10)).toMatchObject({
        status: 404,
        code: 'ReceiptHandleIsInvalid',
        message: `The input receipt handle "${bad}" is not a valid receipt handle.`,
      });
    }
  });
});

describe('ChangeMessageVisibilityBatch', () => {
  const batch = (url: string, entries: unknown[]) =>
    app().json('ChangeMessageVisibilityBatch', { QueueUrl: url, Entries: entries });

  it('changes each entry and fails bad ones alone', async () => {
    const { url, handle } = await received();
    const out = await batch(url, [
      { Id: 'ok', ReceiptHandle: handle, VisibilityTimeout: 0 },
      { Id: 'forged', ReceiptHandle: 'garbage', VisibilityTimeout: 5 },
      { Id: 'range', ReceiptHandle: handle, VisibilityTimeout: 43_201 },
    ]);
    expect(out).toEqual({
      status: 200,
      body: {
        Successful: [{ Id: 'ok' }],
        Failed: [
          {
            Id: 'forged',
            SenderFault: true,
            Code: 'ReceiptHandleIsInvalid',
            Message: 'The input receipt handle "garbage" is not a valid receipt handle.',
          },
          {
            Id: 'range',
            SenderFault: true,
            Code: 'InvalidParameterValue',
            Message:
              'Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.',
          },
        ],
      },
    });
    expect(await visibleCount(url)).toBe('1');
  });

  it('reports a message no longer in flight per entry with the query code of MessageNotInflight', async () => {
    const { url, handle } = await received();
    app().clock.advanceSeconds(60);
    expect(
      (await batch(url, [{ Id: 'late', ReceiptHandle: handle, VisibilityTimeout: 5 }])).body.Failed,
    ).toEqual([
      {
        Id: 'late',
        SenderFault: true,
        Code: 'AWS.SimpleQueueService.MessageNotInflight',
        Message: 'The message referred to is not in flight.',
      },
    ]);
  });

  it('applies the 12-hour limit per entry', async () => {
    const { url, handle } = await received();
    app().clock.advanceSeconds(1);
    const out = await batch(url, [{ Id: 'long', ReceiptHandle: handle, VisibilityTimeout: 43_200 }]);
    expect(out.body.Failed).toEqual([
      expect.objectContaining({ Id: 'long', Code: 'InvalidParameterValue', SenderFault: true }),
    ]);
  });

  it('applies the batch rules: empty, too many, bad and repeated ids', async () => {
    const { url, handle } = await received();
    const entry = (Id: string) => ({ Id, ReceiptHandle: handle, VisibilityTimeout: 1 });
    expect(await batch(url, [])).toMatchObject({
      status: 400,
      code: 'EmptyBatchRequest',
      message: 'There should be at least one ChangeMessageVisibilityBatchRequestEntry in the request.',
    });
    expect(
      await batch(
        url,
        Array.from({ length: 11 }, (_, i) => entry(`e${i}`)),
      ),
    ).toMatchObject({
      status: 400,
      code: 'TooManyEntriesInBatchRequest',
    });
    expect(await batch(url, [entry('a:b')])).toMatchObject({ status: 400, code: 'InvalidBatchEntryId' });
    expect(await batch(url, [entry('a'), entry('a')])).toMatchObject({
      status: 400,
      code: 'BatchEntryIdsNotDistinct',
    });
    expect(await visibleCount(url)).toBe('0');
  });
});
