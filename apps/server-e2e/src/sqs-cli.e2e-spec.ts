import {
  AWS_CLI,
  AwsCli,
  ClientSandbox,
  md5Hex,
  md5OfMessageAttributes,
  requireExecutable,
} from './test-support/external-clients';
import { startTestServer, type TestServer } from './test-support/test-server';

describe('SQS standard queues through the AWS CLI (query/XML protocol)', () => {
  let server: TestServer;
  let sandbox: ClientSandbox;
  let aws: AwsCli;
  const urlOf = (name: string) => `${server.url}/000000000000/${name}`;

  beforeAll(async () => {
    requireExecutable(AWS_CLI, 'apt-get install -y awscli');
    server = await startTestServer();
    sandbox = new ClientSandbox();
    aws = new AwsCli(sandbox, server.url);
  });
  afterAll(async () => {
    sandbox?.cleanup();
    await server?.close();
  });

  it('creates, finds, lists and deletes queues', async () => {
    const [created] = await Promise.all([
      aws.sqs('create-queue', '--queue-name', 'cli-a', '--attributes', 'VisibilityTimeout=45,DelaySeconds=0'),
      aws.sqs('create-queue', '--queue-name', 'cli-b'),
    ]);
    expect(created).toEqual({ QueueUrl: urlOf('cli-a') });
    expect(await aws.sqs('get-queue-url', '--queue-name', 'cli-a')).toEqual({ QueueUrl: urlOf('cli-a') });
    const listed = await aws.sqs('list-queues', '--queue-name-prefix', 'cli-');
    expect(listed.QueueUrls.sort()).toEqual([urlOf('cli-a'), urlOf('cli-b')]);

    await aws.sqs('delete-queue', '--queue-url', urlOf('cli-b'));
    const gone = await aws.raw('get-queue-url', '--queue-name', 'cli-b');
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('AWS.SimpleQueueService.NonExistentQueue');
    expect((await aws.sqs('list-queues', '--queue-name-prefix', 'cli-')).QueueUrls).toEqual([urlOf('cli-a')]);
  });

  it('sends with message attributes and batches, receives with all attributes, changes visibility and deletes', async () => {
    const url = (await aws.sqs('create-queue', '--queue-name', 'cli-flow')).QueueUrl;
    const attributes = {
      colour: { DataType: 'String', StringValue: 'blue' },
      count: { DataType: 'Number', StringValue: '42' },
      blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2, 250]).toString('base64') },
    };
    const body = '{"order":1,"note":"héllo ✓"}';
    const sent = await aws.sqs(
      'send-message',
      '--queue-url',
      url,
      '--message-body',
      body,
      '--message-attributes',
      JSON.stringify(attributes),
    );
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.MD5OfMessageBody).toBe(md5Hex(body));
    expect(sent.MD5OfMessageAttributes).toBe(md5OfMessageAttributes(attributes));

    const batch = await aws.sqs(
      'send-message-batch',
      '--queue-url',
      url,
      '--entries',
      JSON.stringify([
        { Id: 'one', MessageBody: 'batch one' },
        {
          Id: 'two',
          MessageBody: 'batch two',
          MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } },
        },
      ]),
    );
    expect(batch.Failed ?? []).toEqual([]);
    expect(batch.Successful.map((e: { Id: string }) => e.Id).sort()).toEqual(['one', 'two']);
    for (const entry of batch.Successful)
      expect(entry.MD5OfMessageBody).toBe(md5Hex(entry.Id === 'one' ? 'batch one' : 'batch two'));

    const got = await aws.sqs(
      'receive-message',
      '--queue-url',
      url,
      '--attribute-names',
      'All',
      '--message-attribute-names',
      'All',
      '--max-number-of-messages',
      '10',
      '--visibility-timeout',
      '30',
      '--wait-time-seconds',
      '1',
    );
    expect(got.Messages).toHaveLength(3);
    const first = got.Messages.find((m: { MessageId: string }) => m.MessageId === sent.MessageId);
    expect(first).toMatchObject({
      Body: body,
      MD5OfBody: md5Hex(body),
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
    });
    expect(first.MessageAttributes).toEqual(attributes);
    expect(first.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: 'AKIDCLIENT' });
    expect(Number(first.Attributes.SentTimestamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(Number(first.Attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
      Number(first.Attributes.SentTimestamp),
    );
    const two = got.Messages.find((m: { Body: string }) => m.Body === 'batch two');
    expect(two.MessageAttributes).toEqual({ k: { DataType: 'String', StringValue: 'v' } });

    // All three are in flight; releasing one makes exactly that one receivable again.
    expect(await aws.sqs('receive-message', '--queue-url', url)).toEqual({});
    await aws.sqs(
      'change-message-visibility',
      '--queue-url',
      url,
      '--receipt-handle',
      first.ReceiptHandle,
      '--visibility-timeout',
      '0',
    );
    const again = await aws.sqs(
      'receive-message',
      '--queue-url',
      url,
      '--attribute-names',
      'ApproximateReceiveCount',
    );
    expect(again.Messages).toHaveLength(1);
    expect(again.Messages[0]).toMatchObject({
      MessageId: sent.MessageId,
      Attributes: { ApproximateReceiveCount: '2' },
    });

    await aws.sqs('delete-message', '--queue-url', url, '--receipt-handle', again.Messages[0].ReceiptHandle);
    const rest = got.Messages.filter((m: { MessageId: string }) => m.MessageId !== sent.MessageId);
    const deleted = await aws.sqs(
      'delete-message-batch',
      '--queue-url',
      url,
      '--entries',
      JSON.stringify(
        rest.map((m: { ReceiptHandle: string }, i: number) => ({
          Id: `d${i}`,
          ReceiptHandle: m.ReceiptHandle,
        })),
      ),
    );
    expect(deleted.Successful).toHaveLength(2);

    const counts = await aws.sqs('get-queue-attributes', '--queue-url', url, '--attribute-names', 'All');
    expect(counts.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:cli-flow',
    });
  });

  it('gets and sets queue attributes', async () => {
    const url = (await aws.sqs('create-queue', '--queue-name', 'cli-attrs')).QueueUrl;
    const defaults = await aws.sqs('get-queue-attributes', '--queue-url', url, '--attribute-names', 'All');
    expect(defaults.Attributes).toMatchObject({
      VisibilityTimeout: '30',
      DelaySeconds: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0',
    });
    await aws.sqs(
      'set-queue-attributes',
      '--queue-url',
      url,
      '--attributes',
      'VisibilityTimeout=45,DelaySeconds=2,MaximumMessageSize=2048',
    );
    const changed = await aws.sqs(
      'get-queue-attributes',
      '--queue-url',
      url,
      '--attribute-names',
      'VisibilityTimeout',
      'DelaySeconds',
      'MaximumMessageSize',
    );
    expect(changed.Attributes).toEqual({
      VisibilityTimeout: '45',
      DelaySeconds: '2',
      MaximumMessageSize: '2048',
    });
  });

  it('tags, lists tags and untags a queue', async () => {
    const url = (await aws.sqs('create-queue', '--queue-name', 'cli-tags', '--tags', 'team=payments'))
      .QueueUrl;
    await aws.sqs('tag-queue', '--queue-url', url, '--tags', 'env=test,cost-centre=42');
    expect(await aws.sqs('list-queue-tags', '--queue-url', url)).toEqual({
      Tags: { team: 'payments', env: 'test', 'cost-centre': '42' },
    });
    await aws.sqs('untag-queue', '--queue-url', url, '--tag-keys', 'team', 'env');
    expect(await aws.sqs('list-queue-tags', '--queue-url', url)).toEqual({ Tags: { 'cost-centre': '42' } });
  });

  it('purges a queue once per 60 seconds', async () => {
    const url = (await aws.sqs('create-queue', '--queue-name', 'cli-purge')).QueueUrl;
    await aws.sqs(
      'send-message-batch',
      '--queue-url',
      url,
      '--entries',
      JSON.stringify(['a', 'b', 'c'].map((b) => ({ Id: b, MessageBody: b }))),
    );
    await aws.sqs('purge-queue', '--queue-url', url);
    const after = await aws.sqs(
      'get-queue-attributes',
      '--queue-url',
      url,
      '--attribute-names',
      'ApproximateNumberOfMessages',
    );
    expect(after.Attributes.ApproximateNumberOfMessages).toBe('0');
    expect(await aws.sqs('receive-message', '--queue-url', url)).toEqual({});
    const second = await aws.raw('purge-queue', '--queue-url', url);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('AWS.SimpleQueueService.PurgeQueueInProgress');
  });

  describe('errors', () => {
    it('reports a nonexistent queue with AWS.SimpleQueueService.NonExistentQueue', async () => {
      const calls = [
        ['get-queue-url', '--queue-name', 'cli-missing'],
        ['send-message', '--queue-url', urlOf('cli-missing'), '--message-body', 'x'],
        ['receive-message', '--queue-url', urlOf('cli-missing')],
        ['get-queue-attributes', '--queue-url', urlOf('cli-missing'), '--attribute-names', 'All'],
        ['delete-queue', '--queue-url', urlOf('cli-missing')],
      ];
      const results = await Promise.all(calls.map((args) => aws.raw(...args)));
      results.forEach((result, i) => {
        expect({ args: calls[i], code: result.code }).toEqual({ args: calls[i], code: 254 });
        expect(result.stderr).toContain('(AWS.SimpleQueueService.NonExistentQueue)');
      });
    });

    it('refuses invalid attribute values and names and keeps the old values', async () => {
      const url = (
        await aws.sqs('create-queue', '--queue-name', 'cli-bad-attrs', '--attributes', 'VisibilityTimeout=31')
      ).QueueUrl;
      const [tooLong, notNumber, unknown] = await Promise.all([
        aws.raw('set-queue-attributes', '--queue-url', url, '--attributes', 'VisibilityTimeout=43201'),
        aws.raw('set-queue-attributes', '--queue-url', url, '--attributes', 'DelaySeconds=soon'),
        aws.raw('set-queue-attributes', '--queue-url', url, '--attributes', 'Colour=blue'),
      ]);
      expect(tooLong.code).toBe(254);
      expect(tooLong.stderr).toContain('(InvalidAttributeValue)');
      expect(notNumber.stderr).toContain('(InvalidAttributeValue)');
      expect(unknown.stderr).toContain('(InvalidAttributeName)');
      const attrs = await aws.sqs(
        'get-queue-attributes',
        '--queue-url',
        url,
        '--attribute-names',
        'VisibilityTimeout',
        'DelaySeconds',
      );
      expect(attrs.Attributes).toEqual({ VisibilityTimeout: '31', DelaySeconds: '0' });
    });

    it('reports batch errors for the whole request and per entry, and an invalid receipt handle', async () => {
      const url = (await aws.sqs('create-queue', '--queue-name', 'cli-batch-errors')).QueueUrl;
      const sendBatch = (entries: object[]) =>
        aws.raw('send-message-batch', '--queue-url', url, '--entries', JSON.stringify(entries));
      const [duplicate, tooMany, badId, partial, deleted, single] = await Promise.all([
        sendBatch([
          { Id: 'same', MessageBody: 'a' },
          { Id: 'same', MessageBody: 'b' },
        ]),
        sendBatch(Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }))),
        sendBatch([{ Id: 'not valid!', MessageBody: 'x' }]),
        sendBatch([
          { Id: 'ok', MessageBody: 'fine' },
          { Id: 'late', MessageBody: 'too late', DelaySeconds: 901 },
        ]),
        aws.raw(
          'delete-message-batch',
          '--queue-url',
          url,
          '--entries',
          JSON.stringify([{ Id: 'bogus', ReceiptHandle: 'not-a-receipt-handle' }]),
        ),
        aws.raw('delete-message', '--queue-url', url, '--receipt-handle', 'not-a-receipt-handle'),
      ]);
      expect(duplicate.code).toBe(254);
      expect(duplicate.stderr).toContain('(AWS.SimpleQueueService.BatchEntryIdsNotDistinct)');
      expect(tooMany.stderr).toContain('(AWS.SimpleQueueService.TooManyEntriesInBatchRequest)');
      expect(badId.stderr).toContain('(AWS.SimpleQueueService.InvalidBatchEntryId)');
      expect(single.code).toBe(254);
      expect(single.stderr).toContain('(ReceiptHandleIsInvalid)');

      // Partial failures are a successful call that lists the failed entries.
      expect(partial.code).toBe(0);
      const sent = JSON.parse(partial.stdout);
      expect(sent.Successful.map((e: { Id: string }) => e.Id)).toEqual(['ok']);
      expect(sent.Failed).toEqual([
        expect.objectContaining({ Id: 'late', Code: 'InvalidParameterValue', SenderFault: true }),
      ]);
      expect(deleted.code).toBe(0);
      const del = JSON.parse(deleted.stdout);
      expect(del.Successful ?? []).toEqual([]);
      expect(del.Failed).toEqual([
        expect.objectContaining({ Id: 'bogus', Code: 'ReceiptHandleIsInvalid', SenderFault: true }),
      ]);

      const attrs = await aws.sqs(
        'get-queue-attributes',
        '--queue-url',
        url,
        '--attribute-names',
        'ApproximateNumberOfMessages',
      );
      expect(attrs.Attributes.ApproximateNumberOfMessages).toBe('1');
    });
  });
});
