import { describeWhenEnded } from './test-support/step-functions';
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineAliasCommand,
  DeleteStateMachineCommand,
  DeleteStateMachineVersionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ListExecutionsCommand,
  ListStateMachineAliasesCommand,
  ListStateMachineVersionsCommand,
  PublishStateMachineVersionCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  TagResourceCommand,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { useTestServer } from './test-support/test-server';

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';
const OTHER_ROLE = 'arn:aws:iam::000000000000:role/OtherRole';
const MACHINES = 'arn:aws:states:us-east-1:000000000000:stateMachine';

/** A machine whose executions answer `{ "v": <v> }`. */
const answering = (v: string) =>
  JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { v }, End: true } } });

/** The SDK error a call ends with (undefined when it succeeds). */
async function failure(call: Promise<unknown>): Promise<{ name: string; message: string } | undefined> {
  return call.then(
    () => undefined,
    (e: { name: string; message: string }) => ({ name: e.name, message: e.message }),
  );
}

describe('Step Functions state machine versions and aliases through the SDK', () => {
  const env = useTestServer();
  const { sfn } = env;
  const create = (name: string, definition: string, extra: Record<string, unknown> = {}) =>
    sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE, ...extra }));
  const describe_ = (stateMachineArn: string) =>
    sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
  const publish = (stateMachineArn: string, extra: { revisionId?: string; description?: string } = {}) =>
    sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn, ...extra }));
  const versionsOf = async (stateMachineArn: string) =>
    (await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn }))).stateMachineVersions!.map(
      (v) => v.stateMachineVersionArn,
    );

  /** Describes the execution until it has ended (or 15 s passed). */
  const ended = (executionArn: string) => describeWhenEnded(sfn, executionArn);

  it('publishes versions of the current revision, idempotently, and lists them newest first', async () => {
    const arn = (await create('versioned', answering('1'))).stateMachineArn!;
    expect((await describe_(arn)).revisionId).toBeUndefined();

    const v1 = await publish(arn);
    expect(v1.stateMachineVersionArn).toBe(`${arn}:1`);
    expect(v1.creationDate).toBeInstanceOf(Date);
    // The same revision again: the version published from it, not a new one.
    const again = await publish(arn, { description: 'ignored' });
    expect(again.stateMachineVersionArn).toBe(`${arn}:1`);
    expect(again.creationDate?.getTime()).toBe(v1.creationDate?.getTime());
    expect((await publish(arn, { revisionId: 'INITIAL' })).stateMachineVersionArn).toBe(`${arn}:1`);

    const { revisionId: r2 } = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: arn, definition: answering('2') }),
    );
    expect(r2).toMatch(/^[0-9a-f-]{36}$/);
    expect(await failure(publish(arn, { revisionId: 'INITIAL' }))).toEqual({
      name: 'ConflictException',
      message: `Failed to publish the State Machine version for revision INITIAL. The current State Machine revision is ${r2}.`,
    });
    expect((await publish(arn, { revisionId: r2, description: 'second' })).stateMachineVersionArn).toBe(
      `${arn}:2`,
    );

    // A version describes itself: its own definition, revision and description, under its ARN.
    expect(await describe_(`${arn}:1`)).toMatchObject({
      stateMachineArn: `${arn}:1`,
      name: 'versioned',
      status: 'ACTIVE',
      definition: answering('1'),
      roleArn: ROLE,
      type: 'STANDARD',
      creationDate: v1.creationDate,
    });
    const d1 = await describe_(`${arn}:1`);
    expect(d1.revisionId).toBeUndefined();
    expect(d1.description).toBeUndefined();
    expect(await describe_(`${arn}:2`)).toMatchObject({
      stateMachineArn: `${arn}:2`,
      definition: answering('2'),
      revisionId: r2,
      description: 'second',
    });
    expect(await describe_(arn)).toMatchObject({ definition: answering('2'), revisionId: r2 });

    // Settings given as they are keep the revision; a changed one makes a new one.
    const same = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: arn, definition: answering('2'), roleArn: ROLE }),
    );
    expect(same.revisionId).toBe(r2);
    const samePublished = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: arn, definition: answering('2'), publish: true }),
    );
    expect(samePublished).toMatchObject({ revisionId: r2, stateMachineVersionArn: `${arn}:2` });
    const third = await sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: arn,
        roleArn: OTHER_ROLE,
        publish: true,
        versionDescription: 'third',
      }),
    );
    expect(third.revisionId).not.toBe(r2);
    expect(third.stateMachineVersionArn).toBe(`${arn}:3`);
    expect(await describe_(`${arn}:3`)).toMatchObject({
      roleArn: OTHER_ROLE,
      description: 'third',
      revisionId: third.revisionId,
    });
    expect((await describe_(`${arn}:2`)).roleArn).toBe(ROLE);

    expect(await versionsOf(arn)).toEqual([`${arn}:3`, `${arn}:2`, `${arn}:1`]);
    const page1 = await sfn.send(
      new ListStateMachineVersionsCommand({ stateMachineArn: arn, maxResults: 2 }),
    );
    expect(page1.stateMachineVersions!.map((v) => v.stateMachineVersionArn)).toEqual([
      `${arn}:3`,
      `${arn}:2`,
    ]);
    expect(page1.stateMachineVersions![0].creationDate).toBeInstanceOf(Date);
    const page2 = await sfn.send(
      new ListStateMachineVersionsCommand({
        stateMachineArn: arn,
        maxResults: 2,
        nextToken: page1.nextToken,
      }),
    );
    expect(page2.stateMachineVersions!.map((v) => v.stateMachineVersionArn)).toEqual([`${arn}:1`]);
    expect(page2.nextToken).toBeUndefined();
    expect(
      await failure(sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn, nextToken: 'x' }))),
    ).toMatchObject({ name: 'InvalidToken' });

    // Deleting a version: gone from the list and from DescribeStateMachine; its number is never reused.
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:2` }));
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:2` }));
    expect(await versionsOf(arn)).toEqual([`${arn}:3`, `${arn}:1`]);
    expect(await failure(describe_(`${arn}:2`))).toEqual({
      name: 'StateMachineDoesNotExist',
      message: `State Machine Does Not Exist: '${arn}:2'`,
    });
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:3` }));
    // The current revision's version is gone: publishing it again makes a new number.
    expect((await publish(arn)).stateMachineVersionArn).toBe(`${arn}:4`);
    expect(await versionsOf(arn)).toEqual([`${arn}:4`, `${arn}:1`]);
  });

  it('publishes on creation and refuses what AWS refuses', async () => {
    const created = await create('born-published', answering('1'), {
      publish: true,
      versionDescription: 'first',
    });
    expect(created.stateMachineVersionArn).toBe(`${created.stateMachineArn}:1`);
    expect(await describe_(created.stateMachineVersionArn!)).toMatchObject({ description: 'first' });
    // The same request again is answered as it was; another versionDescription is another machine.
    const again = await create('born-published', answering('1'), {
      publish: true,
      versionDescription: 'first',
    });
    expect(again).toMatchObject({
      stateMachineArn: created.stateMachineArn,
      stateMachineVersionArn: created.stateMachineVersionArn,
    });
    expect(await versionsOf(created.stateMachineArn!)).toEqual([created.stateMachineVersionArn]);
    expect(
      await failure(create('born-published', answering('1'), { publish: true, versionDescription: 'other' })),
    ).toMatchObject({ name: 'StateMachineAlreadyExists' });
    expect(await failure(create('born-published', answering('1')))).toMatchObject({
      name: 'StateMachineAlreadyExists',
    });
    const plain = await create('born-plain', answering('1'));
    expect(plain.stateMachineVersionArn).toBeUndefined();
    expect(await versionsOf(plain.stateMachineArn!)).toEqual([]);

    const noPublish = {
      name: 'ValidationException',
      message: 'Version description can only be set when publish is true',
    };
    expect(await failure(create('desc-only', answering('1'), { versionDescription: 'x' }))).toEqual(
      noPublish,
    );
    expect(
      await failure(
        sfn.send(
          new UpdateStateMachineCommand({
            stateMachineArn: plain.stateMachineArn,
            definition: answering('2'),
            versionDescription: 'x',
          }),
        ),
      ),
    ).toEqual(noPublish);
    expect(
      await failure(
        sfn.send(
          new PublishStateMachineVersionCommand({
            stateMachineArn: plain.stateMachineArn,
            description: 'd'.repeat(257),
          }),
        ),
      ),
    ).toMatchObject({ name: 'ValidationException' });
    // A version is immutable: updating one is updating no machine, as AWS answers.
    const v1 = created.stateMachineVersionArn!;
    expect(
      await failure(
        sfn.send(new UpdateStateMachineCommand({ stateMachineArn: v1, definition: answering('3') })),
      ),
    ).toEqual({ name: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${v1}'` });
    expect(await failure(publish(`${MACHINES}:no-such-machine`))).toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
    // Versions and aliases carry no tags.
    expect(
      await failure(sfn.send(new TagResourceCommand({ resourceArn: v1, tags: [{ key: 'k', value: 'v' }] }))),
    ).toMatchObject({ name: 'InvalidArn' });
    expect(
      await failure(
        sfn.send(
          new TagResourceCommand({
            resourceArn: `${created.stateMachineArn}:live`,
            tags: [{ key: 'k', value: 'v' }],
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidArn' });
  });

  it('creates, describes, updates, lists and deletes aliases', async () => {
    const arn = (await create('aliased', answering('1'), { publish: true })).stateMachineArn!;
    await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: arn, definition: answering('2'), publish: true }),
    );
    const [v1, v2] = [`${arn}:1`, `${arn}:2`];

    const created = await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'live',
        description: 'production',
        routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
      }),
    );
    const live = `${arn}:live`;
    expect(created.stateMachineAliasArn).toBe(live);
    expect(
      await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: live })),
    ).toMatchObject({
      stateMachineAliasArn: live,
      name: 'live',
      description: 'production',
      routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
      creationDate: created.creationDate,
      updateDate: created.creationDate,
    });

    // Idempotent for the same settings; other settings under the name are a conflict.
    const again = await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'live',
        description: 'production',
        routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
      }),
    );
    expect(again).toMatchObject({ stateMachineAliasArn: live, creationDate: created.creationDate });
    const conflict = {
      name: 'ConflictException',
      message:
        'Failed to create alias because an alias with the same name and a different routing configuration already exists.',
    };
    for (const other of [
      { description: 'staging', routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }] },
      { description: 'production', routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }] },
    ])
      expect(await failure(sfn.send(new CreateStateMachineAliasCommand({ name: 'live', ...other })))).toEqual(
        conflict,
      );

    // What the routing may hold.
    const refused = (
      name: string,
      routingConfiguration: { stateMachineVersionArn: string; weight: number }[],
    ) => failure(sfn.send(new CreateStateMachineAliasCommand({ name, routingConfiguration })));
    expect(await refused('123', [{ stateMachineVersionArn: v1, weight: 100 }])).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$",
    });
    expect(await refused('a'.repeat(81), [{ stateMachineVersionArn: v1, weight: 100 }])).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 80'),
    });
    expect(
      await refused('split', [
        { stateMachineVersionArn: v1, weight: 70 },
        { stateMachineVersionArn: v2, weight: 29 },
      ]),
    ).toEqual({
      name: 'ValidationException',
      message: 'Sum of routing configuration weights must equal 100. Received: [70, 29]',
    });
    expect(
      await refused('split', [
        { stateMachineVersionArn: v1, weight: 50 },
        { stateMachineVersionArn: v1, weight: 50 },
      ]),
    ).toEqual({
      name: 'ValidationException',
      message: `Routing configuration must contain distinct state machine version ARNs. Received: [${v1}, ${v1}]`,
    });
    expect(
      await refused('split', [
        { stateMachineVersionArn: arn, weight: 50 },
        { stateMachineVersionArn: v2, weight: 50 },
      ]),
    ).toEqual({
      name: 'ValidationException',
      message: `Routing configuration must contain state machine version ARNs. Received: [${arn}, ${v2}]`,
    });
    expect(
      await refused('split', [
        { stateMachineVersionArn: v1, weight: 101 },
        { stateMachineVersionArn: v2, weight: -1 },
      ]),
    ).toMatchObject({ name: 'ValidationException', message: expect.stringContaining('2 validation errors') });
    expect(
      await refused('split', [
        { stateMachineVersionArn: v1, weight: 50 },
        { stateMachineVersionArn: v2, weight: 25 },
        { stateMachineVersionArn: `${arn}:3`, weight: 25 },
      ]),
    ).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 2'),
    });
    expect(
      await refused('split', [
        { stateMachineVersionArn: v1, weight: 50 },
        { stateMachineVersionArn: `${MACHINES}:versioned:1`, weight: 50 },
      ]),
    ).toMatchObject({ name: 'ValidationException' });
    const missing = {
      name: 'ResourceNotFound',
      message: 'Request references a resource that does not exist.',
    };
    expect(await refused('split', [{ stateMachineVersionArn: `${arn}:99`, weight: 100 }])).toEqual(missing);
    expect(
      await refused('split', [{ stateMachineVersionArn: `${MACHINES}:nothing:1`, weight: 100 }]),
    ).toEqual(missing);

    // Updates: description, routing, or both; the same settings again change nothing.
    await new Promise((r) => setTimeout(r, 5));
    const u1 = await sfn.send(
      new UpdateStateMachineAliasCommand({
        stateMachineAliasArn: live,
        routingConfiguration: [
          { stateMachineVersionArn: v1, weight: 50 },
          { stateMachineVersionArn: v2, weight: 50 },
        ],
      }),
    );
    expect(u1.updateDate!.getTime()).toBeGreaterThan(created.creationDate!.getTime());
    const u2 = await sfn.send(
      new UpdateStateMachineAliasCommand({
        stateMachineAliasArn: live,
        routingConfiguration: [
          { stateMachineVersionArn: v2, weight: 50 },
          { stateMachineVersionArn: v1, weight: 50 },
        ],
      }),
    );
    expect(u2.updateDate).toEqual(u1.updateDate);
    await sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn: live, description: 'canary' }));
    expect(
      await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: live })),
    ).toMatchObject({
      description: 'canary',
      routingConfiguration: [
        { stateMachineVersionArn: v1, weight: 50 },
        { stateMachineVersionArn: v2, weight: 50 },
      ],
      creationDate: created.creationDate,
    });
    expect(
      await failure(sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn: live }))),
    ).toMatchObject({ name: 'ValidationException' });
    expect(
      await failure(
        sfn.send(
          new UpdateStateMachineAliasCommand({ stateMachineAliasArn: `${arn}:nope`, description: 'x' }),
        ),
      ),
    ).toEqual(missing);
    expect(
      await failure(
        sfn.send(
          new UpdateStateMachineAliasCommand({
            stateMachineAliasArn: live,
            routingConfiguration: [{ stateMachineVersionArn: `${MACHINES}:versioned:1`, weight: 100 }],
          }),
        ),
      ),
    ).toMatchObject({ name: 'ValidationException' });

    // Listing: in name order, a page at a time; by version, the aliases that route to it.
    await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'beta',
        routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }],
      }),
    );
    const listed = await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn }));
    expect(listed.stateMachineAliases!.map((a) => a.stateMachineAliasArn)).toEqual([`${arn}:beta`, live]);
    expect(listed.stateMachineAliases![0].creationDate).toBeInstanceOf(Date);
    const first = await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn, maxResults: 1 }));
    expect(first.stateMachineAliases!.map((a) => a.stateMachineAliasArn)).toEqual([`${arn}:beta`]);
    const second = await sfn.send(
      new ListStateMachineAliasesCommand({ stateMachineArn: arn, maxResults: 1, nextToken: first.nextToken }),
    );
    expect(second.stateMachineAliases!.map((a) => a.stateMachineAliasArn)).toEqual([live]);
    expect(second.nextToken).toBeUndefined();
    expect(
      (await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: v1 }))).stateMachineAliases!.map(
        (a) => a.stateMachineAliasArn,
      ),
    ).toEqual([live]);
    expect(
      await failure(sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: `${arn}:7` }))),
    ).toEqual(missing);

    // A version an alias routes to cannot be deleted.
    expect(
      await failure(sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v2 }))),
    ).toEqual({
      name: 'ConflictException',
      message:
        'Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [beta, live]',
    });
    await sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: `${arn}:beta` }));
    await sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: `${arn}:beta` }));
    await sfn.send(
      new UpdateStateMachineAliasCommand({
        stateMachineAliasArn: live,
        routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
      }),
    );
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v2 }));
    expect(await versionsOf(arn)).toEqual([v1]);
    expect(
      await failure(sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${arn}:beta` }))),
    ).toEqual(missing);
    expect(
      await failure(sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: v1 }))),
    ).toMatchObject({ name: 'InvalidArn' });
    // Another region's versions and aliases exist nowhere here.
    const elsewhere = arn.replace('us-east-1', 'eu-west-1');
    expect(
      await failure(
        sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${elsewhere}:live` })),
      ),
    ).toEqual(missing);
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${elsewhere}:1` }));
    expect(
      await failure(sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: arn }))),
    ).toMatchObject({ name: 'InvalidArn' });
  });

  it('answers descriptions holding unpaired surrogates (JSON escapes no UTF-8 encodes)', async () => {
    const arn = (await create('odd-text', answering('1'), { publish: true })).stateMachineArn!;
    const post = (operation: string, body: string) =>
      fetch(env.server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `AWSStepFunctions.${operation}`,
        },
        body,
      });
    const routing = `[{"stateMachineVersionArn":"${arn}:1","weight":100}]`;
    for (const [operation, body] of [
      [
        'CreateStateMachineAlias',
        `{"name":"odd","description":"a\\ud800b","routingConfiguration":${routing}}`,
      ],
      [
        'CreateStateMachineAlias',
        `{"name":"odd","description":"a\\ud800b","routingConfiguration":${routing}}`,
      ],
      ['UpdateStateMachineAlias', `{"stateMachineAliasArn":"${arn}:odd","description":"\\udc80"}`],
      [
        'UpdateStateMachine',
        `{"stateMachineArn":"${arn}","roleArn":"${OTHER_ROLE}","publish":true,"versionDescription":"\\udfff"}`,
      ],
    ]) {
      const res = await post(operation, body);
      expect([operation, res.status]).toEqual([operation, 200]);
    }
    const alias = await sfn.send(
      new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${arn}:odd` }),
    );
    expect(alias.description).toBe('\ufffd');
    expect((await describe_(`${arn}:2`)).description).toBe('\ufffd');
  });

  it('holds a machine to 1,000 versions and 100 aliases', async () => {
    const arn = (await create('quota', answering('0'))).stateMachineArn!;
    for (let i = 1; i <= 1000; i += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          sfn.send(
            new UpdateStateMachineCommand({
              stateMachineArn: arn,
              definition: answering(String(i + j)),
              publish: true,
            }),
          ),
        ),
      );
    expect(
      (await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn, maxResults: 1000 })))
        .stateMachineVersions,
    ).toHaveLength(1000);
    const quota = { name: 'ServiceQuotaExceededException' };
    expect(
      await failure(
        sfn.send(
          new UpdateStateMachineCommand({ stateMachineArn: arn, definition: answering('x'), publish: true }),
        ),
      ),
    ).toMatchObject(quota);
    // Refused whole: the definition did not change either.
    expect((await describe_(arn)).definition).not.toBe(answering('x'));
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: answering('y') }));
    expect(await failure(publish(arn))).toMatchObject(quota);
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:1` }));
    expect((await publish(arn)).stateMachineVersionArn).toBe(`${arn}:1001`);

    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        sfn.send(
          new CreateStateMachineAliasCommand({
            name: `alias-${i}`,
            routingConfiguration: [{ stateMachineVersionArn: `${arn}:1001`, weight: 100 }],
          }),
        ),
      ),
    );
    expect(
      await failure(
        sfn.send(
          new CreateStateMachineAliasCommand({
            name: 'one-too-many',
            routingConfiguration: [{ stateMachineVersionArn: `${arn}:1001`, weight: 100 }],
          }),
        ),
      ),
    ).toMatchObject(quota);
  }, 60_000);

  it('starts executions of a version or through an alias, and tells which', async () => {
    const arn = (await create('runs', answering('1'), { publish: true })).stateMachineArn!;
    const { revisionId: r2 } = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: arn, definition: answering('2'), publish: true }),
    );
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: answering('latest') }));
    const [v1, v2, alias] = [`${arn}:1`, `${arn}:2`, `${arn}:prod`];
    await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'prod',
        routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
      }),
    );
    const start = async (stateMachineArn: string, name: string) =>
      ended((await sfn.send(new StartExecutionCommand({ stateMachineArn, name }))).executionArn!);

    const byVersion = await start(v2, 'by-version');
    expect(byVersion).toMatchObject({
      status: 'SUCCEEDED',
      output: JSON.stringify({ v: '2' }),
      stateMachineArn: arn,
      stateMachineVersionArn: v2,
      executionArn: `arn:aws:states:us-east-1:000000000000:execution:runs:by-version`,
    });
    expect(byVersion.stateMachineAliasArn).toBeUndefined();
    const byAlias = await start(alias, 'by-alias');
    expect(byAlias).toMatchObject({
      status: 'SUCCEEDED',
      output: JSON.stringify({ v: '1' }),
      stateMachineArn: arn,
      stateMachineVersionArn: v1,
      stateMachineAliasArn: alias,
    });
    const latest = await start(arn, 'latest');
    expect(latest.output).toBe(JSON.stringify({ v: 'latest' }));
    expect(latest.stateMachineVersionArn).toBeUndefined();
    expect(latest.stateMachineAliasArn).toBeUndefined();

    // The definition an execution ran is its version's.
    const forVersion = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: byVersion.executionArn }),
    );
    expect(forVersion).toMatchObject({ stateMachineArn: arn, definition: answering('2'), revisionId: r2 });
    const forAlias = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: byAlias.executionArn }),
    );
    expect(forAlias.definition).toBe(answering('1'));
    expect(forAlias.revisionId).toBeUndefined();

    // ListExecutions by version or alias: the executions started through it (an alias's count for its version).
    const listed = async (stateMachineArn: string) =>
      (await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions!.map((e) => e.name);
    expect(await listed(arn)).toEqual(['latest', 'by-alias', 'by-version']);
    expect(await listed(v2)).toEqual(['by-version']);
    expect(await listed(v1)).toEqual(['by-alias']);
    expect(await listed(alias)).toEqual(['by-alias']);
    const items = (await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions!;
    expect(items[1]).toMatchObject({ stateMachineVersionArn: v1, stateMachineAliasArn: alias });
    expect(items[2]).toMatchObject({ stateMachineVersionArn: v2 });
    expect(items[2].stateMachineAliasArn).toBeUndefined();
    expect(await failure(sfn.send(new ListExecutionsCommand({ stateMachineArn: `${arn}:9` })))).toMatchObject(
      {
        name: 'ResourceNotFound',
      },
    );

    // What does not exist cannot be started.
    for (const missing of [`${arn}:9`, `${arn}:nope`])
      expect(await failure(sfn.send(new StartExecutionCommand({ stateMachineArn: missing })))).toEqual({
        name: 'StateMachineDoesNotExist',
        message: `State Machine Does Not Exist: '${missing}'`,
      });
    expect(await failure(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: v1 })))).toMatchObject({
      name: 'StateMachineTypeNotSupported',
    });
  });

  it('splits executions between two versions by the alias weights', async () => {
    const arn = (await create('split', answering('a'), { type: 'EXPRESS', publish: true })).stateMachineArn!;
    await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: arn, definition: answering('b'), publish: true }),
    );
    const alias = (
      await sfn.send(
        new CreateStateMachineAliasCommand({
          name: 'canary',
          routingConfiguration: [
            { stateMachineVersionArn: `${arn}:1`, weight: 90 },
            { stateMachineVersionArn: `${arn}:2`, weight: 10 },
          ],
        }),
      )
    ).stateMachineAliasArn!;
    let a = 0;
    let b = 0;
    for (let i = 0; i < 1000; i += 25) {
      const outputs = await Promise.all(
        Array.from({ length: 25 }, () =>
          sfn.send(new StartSyncExecutionCommand({ stateMachineArn: alias })).then((o) => o.output),
        ),
      );
      for (const output of outputs) {
        if (output === JSON.stringify({ v: 'a' })) a++;
        else if (output === JSON.stringify({ v: 'b' })) b++;
      }
    }
    expect(a + b).toBe(1000);
    // Binomial(1000, 0.9): a standard deviation of 9.5, so ±60 is over 6 of them.
    expect(a).toBeGreaterThanOrEqual(840);
    expect(a).toBeLessThanOrEqual(960);
    // An alias routing all to one version runs only that one; an asynchronous start is accepted too.
    await sfn.send(
      new UpdateStateMachineAliasCommand({
        stateMachineAliasArn: alias,
        routingConfiguration: [
          { stateMachineVersionArn: `${arn}:1`, weight: 0 },
          { stateMachineVersionArn: `${arn}:2`, weight: 100 },
        ],
      }),
    );
    for (let i = 0; i < 20; i++)
      expect((await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: alias }))).output).toBe(
        JSON.stringify({ v: 'b' }),
      );
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: alias }));
    expect(started.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:split:/);
  }, 60_000);

  it('deletes a machine with its versions and aliases', async () => {
    const arn = (await create('short-lived', answering('1'), { publish: true })).stateMachineArn!;
    await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'live',
        routingConfiguration: [{ stateMachineVersionArn: `${arn}:1`, weight: 100 }],
      }),
    );
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    // Until the executors delete it, it is DELETING: versions and aliases take no new executions.
    const early = await failure(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}:live` })));
    expect(['StateMachineDeleting', 'StateMachineDoesNotExist']).toContain(early?.name);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !(await failure(describe_(arn))))
      await new Promise((r) => setTimeout(r, 100));
    expect(await failure(describe_(`${arn}:1`))).toMatchObject({ name: 'StateMachineDoesNotExist' });
    expect(
      await failure(sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${arn}:live` }))),
    ).toMatchObject({ name: 'ResourceNotFound' });
    expect(await versionsOf(arn)).toEqual([]);
    // A machine of that name again starts its versions from 1, with no aliases.
    await create('short-lived', answering('2'));
    expect((await publish(arn)).stateMachineVersionArn).toBe(`${arn}:1`);
    expect(
      (await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn }))).stateMachineAliases,
    ).toEqual([]);
  });
});
