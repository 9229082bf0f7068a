import { useSqsTestApp } from '../test-support/sqs-test-app';

const app = useSqsTestApp();

let queueCount = 0;
const newQueue = () => app().createQueue(`perm-${++queueCount}`);

const permission = (QueueUrl: string, overrides: Record<string, unknown> = {}) => ({
  QueueUrl,
  Label: 'share',
  AWSAccountIds: ['111122223333'],
  Actions: ['SendMessage'],
  ...overrides,
});

async function policyOf(url: string): Promise<any> {
  const { Policy } = await app().attributes(url, ['Policy']);
  return Policy === undefined ? undefined : JSON.parse(Policy);
}

describe('AddPermission', () => {
  it('adds an Allow statement for the accounts and actions under the label, and stamps LastModifiedTimestamp', async () => {
    const url = await newQueue();
    app().clock.advanceSeconds(5);
    expect(
      await app().json(
        'AddPermission',
        permission(url, {
          AWSAccountIds: ['111122223333', '444455556666'],
          Actions: ['SendMessage', 'ReceiveMessage'],
        }),
      ),
    ).toEqual({ status: 200, body: {} });
    const arn = app().queueArn(`perm-${queueCount}`);
    expect(await policyOf(url)).toEqual({
      Version: '2012-10-17',
      Id: `${arn}/SQSDefaultPolicy`,
      Statement: [
        {
          Sid: 'share',
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] },
          Action: ['SQS:SendMessage', 'SQS:ReceiveMessage'],
          Resource: arn,
        },
      ],
    });
    expect((await app().attributes(url, ['LastModifiedTimestamp'])).LastModifiedTimestamp).toBe(
      String(app().clock.now() / 1000),
    );
  });

  it('keeps every label as its own statement', async () => {
    const url = await newQueue();
    await app().ok('AddPermission', permission(url, { Label: 'one' }));
    await app().ok('AddPermission', permission(url, { Label: 'two', Actions: ['*'] }));
    expect(
      (await policyOf(url)).Statement.map((s: { Sid: string; Action: string[] }) => [s.Sid, s.Action]),
    ).toEqual([
      ['one', ['SQS:SendMessage']],
      ['two', ['SQS:*']],
    ]);
  });

  it('refuses a label in use, keeping the first statement', async () => {
    const url = await newQueue();
    await app().ok('AddPermission', permission(url));
    expect(await app().json('AddPermission', permission(url, { Actions: ['ReceiveMessage'] }))).toMatchObject(
      {
        status: 400,
        code: 'InvalidParameterValue',
        message: 'Value share for parameter Label is invalid. Reason: Already exists.',
      },
    );
    expect((await policyOf(url)).Statement).toHaveLength(1);
    expect((await policyOf(url)).Statement[0].Action).toEqual(['SQS:SendMessage']);
  });

  it.each(['has space', 'dot.ted', 'x'.repeat(81)])('refuses the label %j', async (label) => {
    const url = await newQueue();
    expect(await app().json('AddPermission', permission(url, { Label: label }))).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: `Value ${label} for parameter Label is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.`,
    });
    expect(await policyOf(url)).toBeUndefined();
  });

  it.each(['CreateQueue', 'DeleteQueue', 'SetQueueAttributes', 'AddPermission', 'TagQueue'])(
    'refuses to share %s, which only the owner may call',
    async (action) => {
      const url = await newQueue();
      expect(
        await app().json('AddPermission', permission(url, { Actions: ['SendMessage', action] })),
      ).toMatchObject({
        status: 400,
        code: 'InvalidParameterValue',
        message: `Value SQS:${action} for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action.`,
      });
      expect(await policyOf(url)).toBeUndefined();
    },
  );

  it('accepts every shareable action', async () => {
    const url = await newQueue();
    const actions = [
      'ChangeMessageVisibility',
      'DeleteMessage',
      'GetQueueAttributes',
      'GetQueueUrl',
      'ListDeadLetterSourceQueues',
      'PurgeQueue',
      'ReceiveMessage',
      'SendMessage',
    ];
    expect((await app().json('AddPermission', permission(url, { Actions: actions }))).status).toBe(200);
  });

  it('answers MissingParameter for no accounts or no actions', async () => {
    const url = await newQueue();
    for (const [member, overrides] of [
      ['AWSAccountIds', { AWSAccountIds: [] }],
      ['Actions', { Actions: [] }],
      ['Label', { Label: '' }],
    ] as const) {
      expect(await app().json('AddPermission', permission(url, overrides))).toMatchObject({
        status: 400,
        code: 'MissingParameter',
        message: `The request must contain the parameter ${member}.`,
      });
    }
  });

  it('reads accounts and actions in the query protocol as AWSAccountId.N and ActionName.N', async () => {
    const url = await newQueue();
    const answer = await app().query('AddPermission', {
      QueueUrl: url,
      Label: 'q',
      'AWSAccountId.1': '111122223333',
      'ActionName.1': 'GetQueueUrl',
    });
    expect(answer.status).toBe(200);
    expect((await policyOf(url)).Statement[0]).toMatchObject({
      Principal: { AWS: ['arn:aws:iam::111122223333:root'] },
      Action: ['SQS:GetQueueUrl'],
    });
  });

  it('answers QueueDoesNotExist for a queue that does not exist', async () => {
    expect(await app().json('AddPermission', permission(app().queueUrl('perm-missing')))).toMatchObject({
      status: 400,
      code: 'QueueDoesNotExist',
    });
  });
});

describe('RemovePermission', () => {
  it('removes the statement of the label and keeps the others', async () => {
    const url = await newQueue();
    await app().ok('AddPermission', permission(url, { Label: 'one' }));
    await app().ok('AddPermission', permission(url, { Label: 'two' }));
    expect(await app().json('RemovePermission', { QueueUrl: url, Label: 'one' })).toEqual({
      status: 200,
      body: {},
    });
    expect((await policyOf(url)).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['two']);
  });

  it('removes the Policy with its last statement', async () => {
    const url = await newQueue();
    await app().ok('AddPermission', permission(url));
    await app().ok('RemovePermission', { QueueUrl: url, Label: 'share' });
    expect(await policyOf(url)).toBeUndefined();
  });

  it('refuses a label the policy does not have', async () => {
    const url = await newQueue();
    await app().ok('AddPermission', permission(url));
    expect(await app().json('RemovePermission', { QueueUrl: url, Label: 'other' })).toMatchObject({
      status: 400,
      code: 'InvalidParameterValue',
      message: "Value other for parameter Label is invalid. Reason: can't find label on existing policy.",
    });
    expect((await policyOf(url)).Statement).toHaveLength(1);
  });

  it('edits a Policy set with SetQueueAttributes, whose Statement may be a single object', async () => {
    const url = await newQueue();
    const statement = {
      Sid: 'own',
      Effect: 'Allow',
      Principal: '*',
      Action: 'SQS:SendMessage',
      Resource: '*',
    };
    await app().ok('SetQueueAttributes', {
      QueueUrl: url,
      Attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Statement: statement }) },
    });
    await app().ok('AddPermission', permission(url));
    expect((await policyOf(url)).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['own', 'share']);
    await app().ok('RemovePermission', { QueueUrl: url, Label: 'own' });
    expect((await policyOf(url)).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['share']);
  });

  it('answers QueueDoesNotExist for a queue that does not exist', async () => {
    expect(
      await app().json('RemovePermission', { QueueUrl: app().queueUrl('perm-missing'), Label: 'share' }),
    ).toMatchObject({ status: 400, code: 'QueueDoesNotExist' });
  });
});
