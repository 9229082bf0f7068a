import {
  AddPermissionCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  RemovePermissionCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
  TagQueueCommand,
} from '@aws-sdk/client-sqs';
import { startTestServer, type TestServer } from './test-support/test-server';

/** Resolves with the error a call failed with; fails the test if the call succeeded. */
async function failure(call: Promise<unknown>): Promise<any> {
  return call.then(
    (out) => {
      throw new Error(`the call succeeded, an error was expected: ${JSON.stringify(out)}`);
    },
    (error) => error,
  );
}

/** The call fails with the AWS error `name`, as a client fault (4xx), never a 500. */
async function expectAwsError(call: Promise<unknown>, name: string): Promise<any> {
  const error = await failure(call);
  const status: number | undefined = error.$metadata?.httpStatusCode;
  expect({
    name: error.name,
    fault: error.$fault,
    clientStatus: status !== undefined && status >= 400 && status < 500,
  }).toEqual({
    name,
    fault: 'client',
    clientStatus: true,
  });
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}

describe('SQS bad input gets the AWS error, never a 500, and changes nothing', () => {
  let server: TestServer;
  let sqs: SQSClient;
  let mainUrl: string;
  let snapshot: { attributes: Record<string, string>; tags: Record<string, string>; queues: string[] };
  const urlOf = (name: string) => `${server.url}/000000000000/${name}`;
  const missingUrl = () => urlOf('err-missing');

  async function state() {
    const attributes =
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: mainUrl, AttributeNames: ['All'] })))
        .Attributes ?? {};
    const tags = (await sqs.send(new ListQueueTagsCommand({ QueueUrl: mainUrl }))).Tags ?? {};
    const queues = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'err-' }))).QueueUrls ?? [];
    return { attributes, tags, queues };
  }

  beforeAll(async () => {
    server = await startTestServer();
    sqs = server.sqs();
    mainUrl = (
      await sqs.send(
        new CreateQueueCommand({
          QueueName: 'err-main',
          Attributes: { VisibilityTimeout: '45', MaximumMessageSize: '1024', DelaySeconds: '0' },
          tags: { team: 'errors' },
        }),
      )
    ).QueueUrl!;
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: mainUrl,
        Entries: ['one', 'two', 'three'].map((b) => ({ Id: b, MessageBody: b })),
      }),
    );
    await sqs.send(new CreateQueueCommand({ QueueName: 'err-big' }));
    snapshot = await state();
    expect(snapshot.attributes.ApproximateNumberOfMessages).toBe('3');
  });
  afterAll(() => server.close());

  const tooMany = (n: number) => Array.from({ length: n }, (_, i) => i);
  // Batch requests to the main queue; receipt handles are made up, so only the batch rules are at stake.
  const ids = (n: number) => tooMany(n).map((i) => `m${i}`);
  const bodies = (n: number, body: string) => ids(n).map((Id) => ({ Id, MessageBody: body }));
  const sendBatch = (entries: { Id: string; MessageBody: string }[], url = mainUrl) =>
    sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
  const deleteBatch = (entryIds: string[]) =>
    sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: mainUrl,
        Entries: entryIds.map((Id) => ({ Id, ReceiptHandle: 'garbage' })),
      }),
    );
  const changeVisibilityBatch = (entryIds: string[]) =>
    sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: mainUrl,
        Entries: entryIds.map((Id) => ({ Id, ReceiptHandle: 'garbage', VisibilityTimeout: 1 })),
      }),
    );

  const cases: Array<[string, string, () => Promise<unknown>]> = [
    [
      'GetQueueUrl of a missing queue',
      'QueueDoesNotExist',
      () => sqs.send(new GetQueueUrlCommand({ QueueName: 'err-missing' })),
    ],
    [
      'SendMessage to a missing queue',
      'QueueDoesNotExist',
      () => sqs.send(new SendMessageCommand({ QueueUrl: missingUrl(), MessageBody: 'x' })),
    ],
    [
      'ReceiveMessage from a missing queue',
      'QueueDoesNotExist',
      () => sqs.send(new ReceiveMessageCommand({ QueueUrl: missingUrl() })),
    ],
    [
      'GetQueueAttributes of a missing queue',
      'QueueDoesNotExist',
      () => sqs.send(new GetQueueAttributesCommand({ QueueUrl: missingUrl() })),
    ],
    [
      'DeleteQueue of a missing queue',
      'QueueDoesNotExist',
      () => sqs.send(new DeleteQueueCommand({ QueueUrl: missingUrl() })),
    ],
    [
      'PurgeQueue of a missing queue',
      'QueueDoesNotExist',
      () => sqs.send(new PurgeQueueCommand({ QueueUrl: missingUrl() })),
    ],
    [
      'TagQueue of a missing queue',
      'QueueDoesNotExist',
      () => sqs.send(new TagQueueCommand({ QueueUrl: missingUrl(), Tags: { a: 'b' } })),
    ],
    [
      'SetQueueAttributes of a missing queue',
      'QueueDoesNotExist',
      () =>
        sqs.send(
          new SetQueueAttributesCommand({ QueueUrl: missingUrl(), Attributes: { VisibilityTimeout: '5' } }),
        ),
    ],
    [
      'ListQueueTags of a missing queue',
      'QueueDoesNotExist',
      () => sqs.send(new ListQueueTagsCommand({ QueueUrl: missingUrl() })),
    ],

    [
      'CreateQueue with the name of a queue that has other attributes',
      'QueueNameExists',
      () =>
        sqs.send(new CreateQueueCommand({ QueueName: 'err-main', Attributes: { VisibilityTimeout: '46' } })),
    ],

    [
      'CreateQueue with a space in the name',
      'InvalidParameterValue',
      () => sqs.send(new CreateQueueCommand({ QueueName: 'err bad' })),
    ],
    [
      'CreateQueue with an 81-character name',
      'InvalidParameterValue',
      () => sqs.send(new CreateQueueCommand({ QueueName: `err-${'x'.repeat(77)}` })),
    ],
    [
      'CreateQueue with a dot in a standard queue name',
      'InvalidParameterValue',
      () => sqs.send(new CreateQueueCommand({ QueueName: 'err.dotted' })),
    ],
    [
      'SendMessage with DelaySeconds 901',
      'InvalidParameterValue',
      () => sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: 'x', DelaySeconds: 901 })),
    ],
    [
      'SendMessage with DelaySeconds -1',
      'InvalidParameterValue',
      () => sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: 'x', DelaySeconds: -1 })),
    ],
    [
      'ReceiveMessage with MaxNumberOfMessages 11',
      'InvalidParameterValue',
      () => sqs.send(new ReceiveMessageCommand({ QueueUrl: mainUrl, MaxNumberOfMessages: 11 })),
    ],
    [
      'ReceiveMessage with MaxNumberOfMessages 0',
      'InvalidParameterValue',
      () => sqs.send(new ReceiveMessageCommand({ QueueUrl: mainUrl, MaxNumberOfMessages: 0 })),
    ],
    [
      'ReceiveMessage with WaitTimeSeconds 21',
      'InvalidParameterValue',
      () => sqs.send(new ReceiveMessageCommand({ QueueUrl: mainUrl, WaitTimeSeconds: 21 })),
    ],
    [
      'ReceiveMessage with VisibilityTimeout 43201',
      'InvalidParameterValue',
      () => sqs.send(new ReceiveMessageCommand({ QueueUrl: mainUrl, VisibilityTimeout: 43201 })),
    ],
    [
      'SendMessage with a body over the queue MaximumMessageSize (1024)',
      'InvalidParameterValue',
      () => sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: 'x'.repeat(1025) })),
    ],
    [
      'SendMessage whose body and attributes together exceed MaximumMessageSize',
      'InvalidParameterValue',
      () =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: mainUrl,
            MessageBody: 'x'.repeat(1000),
            MessageAttributes: { padding: { DataType: 'String', StringValue: 'y'.repeat(100) } },
          }),
        ),
    ],
    [
      'SendMessage with a message attribute without a value',
      'InvalidParameterValue',
      () =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: mainUrl,
            MessageBody: 'x',
            MessageAttributes: { empty: { DataType: 'String' } },
          }),
        ),
    ],
    [
      'SendMessage with a Number attribute that is not a number',
      'InvalidParameterValue',
      () =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: mainUrl,
            MessageBody: 'x',
            MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } },
          }),
        ),
    ],
    [
      'SendMessage with 11 message attributes',
      'InvalidParameterValue',
      () =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: mainUrl,
            MessageBody: 'x',
            MessageAttributes: Object.fromEntries(
              tooMany(11).map((i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]),
            ),
          }),
        ),
    ],
    [
      'SetQueueAttributes RedrivePolicy that is not a JSON map',
      'InvalidParameterValue',
      () =>
        sqs.send(
          new SetQueueAttributesCommand({ QueueUrl: mainUrl, Attributes: { RedrivePolicy: '{nope' } }),
        ),
    ],
    [
      'SetQueueAttributes RedrivePolicy with maxReceiveCount 0',
      'InvalidParameterValue',
      () =>
        sqs.send(
          new SetQueueAttributesCommand({
            QueueUrl: mainUrl,
            Attributes: {
              RedrivePolicy: JSON.stringify({
                deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:err-big',
                maxReceiveCount: 0,
              }),
            },
          }),
        ),
    ],
    [
      'ListQueues with MaxResults 1001',
      'InvalidParameterValue',
      () => sqs.send(new ListQueuesCommand({ MaxResults: 1001 })),
    ],
    [
      'SendMessage with a message attribute named AWS.x',
      'InvalidParameterValue',
      () =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: mainUrl,
            MessageBody: 'x',
            MessageAttributes: { 'AWS.x': { DataType: 'String', StringValue: 'v' } },
          }),
        ),
    ],
    [
      'SendMessage with a message attribute name containing a space',
      'InvalidParameterValue',
      () =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: mainUrl,
            MessageBody: 'x',
            MessageAttributes: { 'a b': { DataType: 'String', StringValue: 'v' } },
          }),
        ),
    ],
    [
      'SendMessage with an unknown message attribute data type',
      'InvalidParameterValue',
      () =>
        sqs.send(
          new SendMessageCommand({
            QueueUrl: mainUrl,
            MessageBody: 'x',
            MessageAttributes: { a: { DataType: 'Colour', StringValue: 'v' } },
          }),
        ),
    ],

    [
      'GetQueueAttributes of an unknown attribute',
      'InvalidAttributeName',
      () =>
        sqs.send(new GetQueueAttributesCommand({ QueueUrl: mainUrl, AttributeNames: ['Colour' as never] })),
    ],
    [
      'SetQueueAttributes of an unknown attribute',
      'InvalidAttributeName',
      () =>
        sqs.send(
          new SetQueueAttributesCommand({ QueueUrl: mainUrl, Attributes: { Colour: 'blue' } as never }),
        ),
    ],
    [
      'SetQueueAttributes of a read-only attribute',
      'InvalidAttributeName',
      () =>
        sqs.send(
          new SetQueueAttributesCommand({
            QueueUrl: mainUrl,
            Attributes: { ApproximateNumberOfMessages: '9' },
          }),
        ),
    ],
    [
      'CreateQueue with an unknown attribute',
      'InvalidAttributeName',
      () =>
        sqs.send(
          new CreateQueueCommand({ QueueName: 'err-unknown-attr', Attributes: { Colour: 'blue' } as never }),
        ),
    ],

    [
      'SetQueueAttributes VisibilityTimeout -1',
      'InvalidAttributeValue',
      () =>
        sqs.send(
          new SetQueueAttributesCommand({ QueueUrl: mainUrl, Attributes: { VisibilityTimeout: '-1' } }),
        ),
    ],
    [
      'SetQueueAttributes VisibilityTimeout 43201',
      'InvalidAttributeValue',
      () =>
        sqs.send(
          new SetQueueAttributesCommand({ QueueUrl: mainUrl, Attributes: { VisibilityTimeout: '43201' } }),
        ),
    ],
    [
      'SetQueueAttributes MaximumMessageSize 1023',
      'InvalidAttributeValue',
      () =>
        sqs.send(
          new SetQueueAttributesCommand({ QueueUrl: mainUrl, Attributes: { MaximumMessageSize: '1023' } }),
        ),
    ],
    [
      'SetQueueAttributes DelaySeconds not a number',
      'InvalidAttributeValue',
      () =>
        sqs.send(new SetQueueAttributesCommand({ QueueUrl: mainUrl, Attributes: { DelaySeconds: 'soon' } })),
    ],
    [
      'SetQueueAttributes with one good and one bad value',
      'InvalidAttributeValue',
      () =>
        sqs.send(
          new SetQueueAttributesCommand({
            QueueUrl: mainUrl,
            Attributes: { DelaySeconds: '5', VisibilityTimeout: '-1' },
          }),
        ),
    ],
    [
      'CreateQueue with VisibilityTimeout -1',
      'InvalidAttributeValue',
      () =>
        sqs.send(
          new CreateQueueCommand({ QueueName: 'err-bad-attr', Attributes: { VisibilityTimeout: '-1' } }),
        ),
    ],

    [
      'SendMessage without MessageBody',
      'MissingParameter',
      () => sqs.send(new SendMessageCommand({ QueueUrl: mainUrl } as never)),
    ],
    [
      'DeleteMessage without ReceiptHandle',
      'MissingParameter',
      () => sqs.send(new DeleteMessageCommand({ QueueUrl: mainUrl } as never)),
    ],
    [
      'CreateQueue without QueueName',
      'MissingParameter',
      () => sqs.send(new CreateQueueCommand({} as never)),
    ],

    [
      'DeleteMessage with a made-up receipt handle',
      'ReceiptHandleIsInvalid',
      () => sqs.send(new DeleteMessageCommand({ QueueUrl: mainUrl, ReceiptHandle: 'garbage' })),
    ],
    [
      'ChangeMessageVisibility with a made-up receipt handle',
      'ReceiptHandleIsInvalid',
      () =>
        sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: mainUrl,
            ReceiptHandle: 'garbage',
            VisibilityTimeout: 10,
          }),
        ),
    ],

    ['SendMessageBatch with 11 entries', 'TooManyEntriesInBatchRequest', () => sendBatch(bodies(11, 'x'))],
    ['DeleteMessageBatch with 11 entries', 'TooManyEntriesInBatchRequest', () => deleteBatch(ids(11))],
    [
      'ChangeMessageVisibilityBatch with 11 entries',
      'TooManyEntriesInBatchRequest',
      () => changeVisibilityBatch(ids(11)),
    ],
    [
      'SendMessageBatch with repeated ids',
      'BatchEntryIdsNotDistinct',
      () =>
        sendBatch([
          { Id: 'a', MessageBody: 'x' },
          { Id: 'a', MessageBody: 'y' },
        ]),
    ],
    ['DeleteMessageBatch with repeated ids', 'BatchEntryIdsNotDistinct', () => deleteBatch(['a', 'a'])],
    [
      'ChangeMessageVisibilityBatch with repeated ids',
      'BatchEntryIdsNotDistinct',
      () => changeVisibilityBatch(['a', 'a']),
    ],
    ['ChangeMessageVisibilityBatch without entries', 'EmptyBatchRequest', () => changeVisibilityBatch([])],
    ['SendMessageBatch without entries', 'EmptyBatchRequest', () => sendBatch([])],
    ['DeleteMessageBatch without entries', 'EmptyBatchRequest', () => deleteBatch([])],
    [
      'SendMessageBatch whose bodies together exceed 1 MiB',
      'BatchRequestTooLong',
      () => sendBatch(bodies(5, 'x'.repeat(300_000)), urlOf('err-big')),
    ],
    [
      'SendMessageBatch with an id that has a space',
      'InvalidBatchEntryId',
      () => sendBatch([{ Id: 'a b', MessageBody: 'x' }]),
    ],
    [
      'SendMessageBatch with an 81-character id',
      'InvalidBatchEntryId',
      () => sendBatch([{ Id: 'i'.repeat(81), MessageBody: 'x' }]),
    ],

    [
      'SendMessage with a NUL character in the body',
      'InvalidMessageContents',
      () => sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: 'a\u0000b' })),
    ],
    [
      'SendMessage with a control character in the body',
      'InvalidMessageContents',
      () => sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: 'bell\u0007' })),
    ],
    ['DeleteMessageBatch with an id that has a dot', 'InvalidBatchEntryId', () => deleteBatch(['a.b'])],
    [
      'SendMessage with a lone surrogate in the body',
      'InvalidMessageContents',
      () => sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: 'x\ud800y' })),
    ],
    [
      'SendMessage with U+FFFF in the body',
      'InvalidMessageContents',
      () => sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: 'x\uffff' })),
    ],
  ];

  it.each(cases)('%s → %s', async (_title, name, call) => {
    await expectAwsError(call(), name);
    expect(await state()).toEqual(snapshot);
  });

  it('reports QueueDoesNotExist with the query-protocol code the SDK exposes as Code', async () => {
    const error = await expectAwsError(
      sqs.send(new GetQueueUrlCommand({ QueueName: 'err-missing' })),
      'QueueDoesNotExist',
    );
    expect(error.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('does not create a queue when CreateQueue is refused', async () => {
    for (const name of ['err-bad-attr', 'err-unknown-attr']) {
      await expectAwsError(sqs.send(new GetQueueUrlCommand({ QueueName: name })), 'QueueDoesNotExist');
    }
  });

  it('accepts a body of exactly MaximumMessageSize, and 1 MiB on a default queue, but not one byte more', async () => {
    const big = urlOf('err-big');
    const limit = Number(
      (
        await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: big, AttributeNames: ['MaximumMessageSize'] }),
        )
      ).Attributes!.MaximumMessageSize,
    );
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: big, MessageBody: 'x'.repeat(limit) })),
    ).resolves.toBeDefined();
    await expectAwsError(
      sqs.send(new SendMessageCommand({ QueueUrl: big, MessageBody: 'x'.repeat(limit + 1) })),
      'InvalidParameterValue',
    );
    await expectAwsError(
      sqs.send(new SendMessageCommand({ QueueUrl: big, MessageBody: `${'x'.repeat(limit - 1)}é` })),
      'InvalidParameterValue',
    );
    const small = (
      await sqs.send(
        new CreateQueueCommand({ QueueName: 'err-small', Attributes: { MaximumMessageSize: '1024' } }),
      )
    ).QueueUrl!;
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: small, MessageBody: 'x'.repeat(1024) })),
    ).resolves.toBeDefined();
    const counts = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: big, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(counts.Attributes!.ApproximateNumberOfMessages).toBe('1');
    await sqs.send(new DeleteQueueCommand({ QueueUrl: small }));
    snapshot = await state();
  });

  it('refuses a second PurgeQueue within 60 seconds with PurgeQueueInProgress', async () => {
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'err-purge' }))).QueueUrl!;
    await sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'after the purge' }));
    const error = await expectAwsError(
      sqs.send(new PurgeQueueCommand({ QueueUrl: url })),
      'PurgeQueueInProgress',
    );
    expect(error.Code).toBe('AWS.SimpleQueueService.PurgeQueueInProgress');
    const counts = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(counts.Attributes!.ApproximateNumberOfMessages).toBe('1');
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
  });

  it('refuses a visibility change beyond 12 hours or of a message that is not in flight, keeping the message as it was', async () => {
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'err-visibility' }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const [m] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 60 })))
      .Messages!;
    await expectAwsError(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: m.ReceiptHandle,
          VisibilityTimeout: 43201,
        }),
      ),
      'InvalidParameterValue',
    );
    await expectAwsError(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: m.ReceiptHandle,
          VisibilityTimeout: -1,
        }),
      ),
      'InvalidParameterValue',
    );
    const inFlight = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(inFlight.Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '1',
    });

    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: url,
        ReceiptHandle: m.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    await expectAwsError(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: m.ReceiptHandle,
          VisibilityTimeout: 30,
        }),
      ),
      'MessageNotInflight',
    );
    const visible = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(visible.Attributes).toEqual({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
  });

  it('reports bad entries of a batch per entry and stores the good ones', async () => {
    const url = (
      await sqs.send(
        new CreateQueueCommand({ QueueName: 'err-partial', Attributes: { MaximumMessageSize: '1024' } }),
      )
    ).QueueUrl!;
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'good', MessageBody: 'fine' },
          { Id: 'large', MessageBody: 'x'.repeat(1025) },
          { Id: 'delay', MessageBody: 'x', DelaySeconds: 901 },
        ],
      }),
    );
    expect(out.Successful?.map((e) => e.Id)).toEqual(['good']);
    expect(out.Failed?.map((f) => [f.Id, f.Code, f.SenderFault]).sort()).toEqual([
      ['delay', 'InvalidParameterValue', true],
      ['large', 'InvalidParameterValue', true],
    ]);
    const counts = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(counts.Attributes!.ApproximateNumberOfMessages).toBe('1');
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
  });

  it('refuses RemovePermission of an unknown label and AddPermission of a label in use', async () => {
    const permission = {
      QueueUrl: mainUrl,
      Label: 'err-label',
      AWSAccountIds: ['111122223333'],
      Actions: ['SendMessage'],
    };
    await sqs.send(new AddPermissionCommand(permission));
    await expectAwsError(sqs.send(new AddPermissionCommand(permission)), 'InvalidParameterValue');
    await sqs.send(new RemovePermissionCommand({ QueueUrl: mainUrl, Label: 'err-label' }));
    await expectAwsError(
      sqs.send(new RemovePermissionCommand({ QueueUrl: mainUrl, Label: 'err-label' })),
      'InvalidParameterValue',
    );
    const attributes =
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: mainUrl, AttributeNames: ['All'] })))
        .Attributes ?? {};
    expect(attributes.Policy === undefined || JSON.parse(attributes.Policy).Statement.length === 0).toBe(
      true,
    );
    // The policy edits legitimately touched LastModifiedTimestamp.
    snapshot = await state();
  });

  describe('raw HTTP', () => {
    const json = (target: string, body: string) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
        body,
      });
    const query = (body: string) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });

    it('answers a malformed JSON body with a 400 SerializationException', async () => {
      const res = await json('AmazonSQS.SendMessage', `{"QueueUrl": "${mainUrl}", "MessageBody": `);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { __type?: string; message?: string };
      expect(body.__type).toMatch(/SerializationException$/);
      expect(body.message).toEqual(expect.any(String));
      expect(await state()).toEqual(snapshot);
    });

    it('answers a JSON body that is not an object, or has wrongly typed members, with a 400', async () => {
      for (const [target, body] of [
        ['AmazonSQS.ListQueues', '[]'],
        ['AmazonSQS.ListQueues', '"ListQueues"'],
        ['AmazonSQS.ReceiveMessage', JSON.stringify({ QueueUrl: mainUrl, MaxNumberOfMessages: 'ten' })],
        ['AmazonSQS.SendMessage', JSON.stringify({ QueueUrl: mainUrl, MessageBody: { nested: true } })],
        ['AmazonSQS.SendMessageBatch', JSON.stringify({ QueueUrl: mainUrl, Entries: 'not a list' })],
        [
          'AmazonSQS.SetQueueAttributes',
          JSON.stringify({ QueueUrl: mainUrl, Attributes: ['VisibilityTimeout', '5'] }),
        ],
      ]) {
        const res = await json(target, body);
        const out = (await res.json()) as { __type?: string };
        expect({ target, body, status: res.status, type: out.__type }).toEqual({
          target,
          body,
          status: 400,
          type: 'com.amazonaws.sqs#SerializationException',
        });
      }
      expect(await state()).toEqual(snapshot);
    });

    it('names the wrongly typed member in the SerializationException', async () => {
      const res = await json(
        'AmazonSQS.ReceiveMessage',
        JSON.stringify({ QueueUrl: mainUrl, MaxNumberOfMessages: '5' }),
      );
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        __type: 'com.amazonaws.sqs#SerializationException',
        message: 'STRING_VALUE can not be converted to an Integer (member MaxNumberOfMessages).',
      });
    });

    it('refuses a body over 16 MiB with a 413 in the protocol of the request, after reading it', async () => {
      const huge = 'x'.repeat(17 * 1024 * 1024);
      const viaJson = await json(
        'AmazonSQS.SendMessage',
        JSON.stringify({ QueueUrl: mainUrl, MessageBody: huge }),
      );
      expect(viaJson.status).toBe(413);
      expect(((await viaJson.json()) as { __type?: string }).__type).toBe(
        'com.amazonaws.sqs#RequestEntityTooLarge',
      );
      const viaQuery = await query(
        `Action=SendMessage&QueueUrl=${encodeURIComponent(mainUrl)}&MessageBody=${huge}`,
      );
      expect(viaQuery.status).toBe(413);
      expect(await viaQuery.text()).toContain('<Code>RequestEntityTooLarge</Code>');
      expect(await state()).toEqual(snapshot);
    });

    it('answers an unknown X-Amz-Target operation with a 400', async () => {
      const res = await json('AmazonSQS.Frobnicate', '{}');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { __type?: string }).__type).toMatch(/UnknownOperationException$/);
      const other = await json('AmazonFrobnicator.ListQueues', '{}');
      expect(other.status).toBe(400);
    });

    it('answers an unknown query Action with a 400 InvalidAction XML error, and a missing one with MissingAction', async () => {
      const res = await query('Action=Frobnicate&Version=2012-11-05');
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/xml/);
      const text = await res.text();
      expect(text).toContain('<ErrorResponse');
      expect(text).toContain('<Code>InvalidAction</Code>');
      expect(text).toContain('<RequestId>');

      const missing = await query('Version=2012-11-05');
      expect(missing.status).toBe(400);
      expect(await missing.text()).toContain('<Code>MissingAction</Code>');
    });

    it('answers bad query-protocol parameters with XML errors carrying the query codes', async () => {
      const cases: Array<[string, string]> = [
        [`Action=SendMessage&QueueUrl=${encodeURIComponent(mainUrl)}`, 'MissingParameter'],
        [`Action=ReceiveMessage&QueueUrl=${encodeURIComponent(mainUrl)}&MaxNumberOfMessages=ten`, ''],
        [`Action=GetQueueUrl&QueueName=err-missing`, 'AWS.SimpleQueueService.NonExistentQueue'],
        [
          `Action=DeleteMessage&QueueUrl=${encodeURIComponent(mainUrl)}&ReceiptHandle=garbage`,
          'ReceiptHandleIsInvalid',
        ],
        [
          `Action=SendMessageBatch&QueueUrl=${encodeURIComponent(mainUrl)}&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=x&SendMessageBatchRequestEntry.2.Id=a&SendMessageBatchRequestEntry.2.MessageBody=y`,
          'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
        ],
      ];
      for (const [body, code] of cases) {
        const res = await query(`${body}&Version=2012-11-05`);
        const text = await res.text();
        expect({ body, clientError: res.status >= 400 && res.status < 500 }).toEqual({
          body,
          clientError: true,
        });
        expect(text).toContain('<ErrorResponse');
        expect(text).toContain(code ? `<Code>${code}</Code>` : '<Code>');
        expect(text).toContain('<Type>Sender</Type>');
      }
      expect(await state()).toEqual(snapshot);
    });
  });
});
