import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  StartSyncExecutionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { useTestServer } from './test-support/test-server';

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';
const PASS = JSON.stringify({
  StartAt: 'P',
  States: { P: { Type: 'Pass', Result: { ok: true }, End: true } },
});

describe('Step Functions state machines and Express sync executions through the SDK', () => {
  const { sfn } = useTestServer();
  const create = (name: string, definition = PASS, extra: Record<string, unknown> = {}) =>
    sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE, ...extra }));

  it('creates, describes, updates, lists and deletes a state machine', async () => {
    const { stateMachineArn, creationDate } = await create('orders');
    expect(stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:orders');
    expect(creationDate).toBeInstanceOf(Date);
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described).toMatchObject({
      stateMachineArn,
      name: 'orders',
      status: 'ACTIVE',
      definition: PASS,
      roleArn: ROLE,
      type: 'STANDARD',
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });
    const other = JSON.stringify({ StartAt: 'Q', States: { Q: { Type: 'Succeed' } } });
    const { revisionId, updateDate } = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: other }),
    );
    expect(updateDate).toBeInstanceOf(Date);
    expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).revisionId).toBe(
      revisionId,
    );
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((m) => m.name)).toContain('orders');
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    // Deleting is asynchronous, as on AWS: DELETING first, then gone.
    const deleting = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn })).catch((e) => e);
    expect([deleting.status, deleting.name]).toContainEqual(
      deleting.status ? 'DELETING' : 'StateMachineDoesNotExist',
    );
    const deadline = Date.now() + 10_000;
    let gone: unknown;
    while (!gone && Date.now() < deadline) {
      gone = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn })).then(
        () => undefined,
        (e) => e,
      );
      if (!gone) await new Promise((r) => setTimeout(r, 100));
    }
    expect(gone).toMatchObject({
      name: 'StateMachineDoesNotExist',
      message: `State Machine Does Not Exist: '${stateMachineArn}'`,
    });
    // Deleting again is no error, as on AWS.
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  });

  it('is idempotent as AWS is: a different role is ignored, a different definition refused', async () => {
    const first = await create('idem');
    const again = await sfn.send(
      new CreateStateMachineCommand({ name: 'idem', definition: PASS, roleArn: `${ROLE}-other` }),
    );
    expect(again.stateMachineArn).toBe(first.stateMachineArn);
    expect(again.creationDate?.getTime()).toBe(first.creationDate?.getTime());
    const other = JSON.stringify({ StartAt: 'Q', States: { Q: { Type: 'Succeed' } } });
    await expect(create('idem', other)).rejects.toMatchObject({
      name: 'StateMachineAlreadyExists',
      message: `State Machine Already Exists: '${first.stateMachineArn}'`,
    });
  });

  it("refuses bad definitions, names and ARNs in Step Functions' words", async () => {
    const missing = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } });
    await expect(create('bad-def', missing)).rejects.toMatchObject({
      name: 'InvalidDefinition',
      message: expect.stringMatching(
        /^Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at \/States\/A\/Next/,
      ),
    });
    await expect(create('has space')).rejects.toMatchObject({
      name: 'InvalidName',
      message: "Invalid Name: 'has space'",
    });
    await expect(
      sfn.send(new CreateStateMachineCommand({ name: 'r', definition: PASS, roleArn: 'not-a-role' })),
    ).rejects.toMatchObject({ name: 'InvalidArn', message: "Invalid Role Arn: 'not-a-role'" });
    await expect(
      sfn.send(
        new DescribeStateMachineCommand({
          stateMachineArn: 'arn:aws:states:us-east-1:000000000000:execution:a:b',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidArn',
      message: "Invalid Arn: 'Resource type not valid in this context: execution'",
    });
    const callback = JSON.stringify({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl: 'http://localhost:4566/000000000000/q', 'MessageBody.$': '$$.Task.Token' },
          End: true,
        },
      },
    });
    await expect(create('express-callback', callback, { type: 'EXPRESS' })).rejects.toMatchObject({
      name: 'InvalidDefinition',
      message: expect.stringContaining(
        "Express state machine does not support '.waitForTaskToken' service integration",
      ),
    });
  });

  it('validates a definition without creating anything', async () => {
    const ok = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS }));
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [], truncated: false });
    const bad = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: '{' }));
    expect(bad.result).toBe('FAIL');
    expect(bad.diagnostics?.[0]).toMatchObject({ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION' });
  });

  it('tags and untags a state machine', async () => {
    const { stateMachineArn } = await create('tagged', PASS, { tags: [{ key: 'team', value: 'a' }] });
    await sfn.send(
      new TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: 'env', value: 'dev' }] }),
    );
    await sfn.send(new UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: ['team'] }));
    const { tags } = await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }));
    expect(tags).toEqual([{ key: 'env', value: 'dev' }]);
    await expect(
      sfn.send(
        new ListTagsForResourceCommand({
          resourceArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFound' });
  });

  it('runs an Express machine synchronously and answers its output, error and billing', async () => {
    const definition = JSON.stringify({
      StartAt: 'Double',
      States: {
        Double: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, $.n)' }, Next: 'Check' },
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'TooBig' }],
          Default: 'Done',
        },
        TooBig: { Type: 'Fail', Error: 'TooBig', Cause: 'n is over 10' },
        Done: { Type: 'Succeed' },
      },
    });
    const { stateMachineArn } = await create('express-double', definition, { type: 'EXPRESS' });
    const ok = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"n":4}' }),
    );
    expect(ok).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"n":8}',
      input: '{"n":4}',
      name: 'run-1',
      stateMachineArn,
      billingDetails: { billedMemoryUsedInMB: 64 },
    });
    expect(ok.executionArn).toMatch(
      /^arn:aws:states:us-east-1:000000000000:express:express-double:run-1:[0-9a-f-]{36}$/,
    );
    const failed = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"n":6}' }));
    expect(failed).toMatchObject({ status: 'FAILED', error: 'TooBig', cause: 'n is over 10' });
    expect(failed.output).toBeUndefined();
    await expect(
      sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{not json' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    const standard = await create('standard-for-sync');
    await expect(
      sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standard.stateMachineArn })),
    ).rejects.toMatchObject({ name: 'StateMachineTypeNotSupported' });
  });
});
