import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  type EventBridgeClient,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  TestEventPatternCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-eventbridge';
import { eventBridgeClient } from './test-support/event-bridge';
import { useTestServer } from './test-support/test-server';

const ACCOUNT = '000000000000';
const ruleArn = (name: string) => `arn:aws:events:us-east-1:${ACCOUNT}:rule/${name}`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const PATTERN = JSON.stringify({ source: ['orders'] });

describe('EventBridge rules and targets through @aws-sdk/client-eventbridge', () => {
  const env = useTestServer();
  let events: EventBridgeClient;
  beforeAll(() => {
    events = eventBridgeClient(env.server);
  });
  afterAll(() => events.destroy());

  it('creates, describes, replaces, disables, enables and deletes a rule on the default bus', async () => {
    const put = await events.send(
      new PutRuleCommand({
        Name: 'orders',
        EventPattern: PATTERN,
        Description: 'all orders',
        Tags: [{ Key: 'team', Value: 'a' }],
      }),
    );
    expect(put.RuleArn).toBe(ruleArn('orders'));
    expect(await events.send(new DescribeRuleCommand({ Name: 'orders' }))).toMatchObject({
      Name: 'orders',
      Arn: ruleArn('orders'),
      EventPattern: PATTERN,
      State: 'ENABLED',
      Description: 'all orders',
      EventBusName: 'default',
      CreatedBy: ACCOUNT,
    });
    // PutRule again replaces the settings: what is left out is cleared.
    await events.send(new PutRuleCommand({ Name: 'orders', EventPattern: PATTERN, State: 'DISABLED' }));
    const replaced = await events.send(new DescribeRuleCommand({ Name: 'orders', EventBusName: 'default' }));
    expect(replaced.State).toBe('DISABLED');
    expect(replaced.Description).toBeUndefined();
    await events.send(new EnableRuleCommand({ Name: 'orders' }));
    expect((await events.send(new DescribeRuleCommand({ Name: 'orders' }))).State).toBe('ENABLED');
    await events.send(
      new DisableRuleCommand({
        Name: 'orders',
        EventBusName: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`,
      }),
    );
    expect((await events.send(new DescribeRuleCommand({ Name: 'orders' }))).State).toBe('DISABLED');
    expect(
      (await events.send(new ListTagsForResourceCommand({ ResourceARN: ruleArn('orders') }))).Tags,
    ).toEqual([{ Key: 'team', Value: 'a' }]);
    await events.send(new DeleteRuleCommand({ Name: 'orders' }));
    await events.send(new DeleteRuleCommand({ Name: 'orders' })); // deleting again succeeds, as on AWS
    await expect(events.send(new DescribeRuleCommand({ Name: 'orders' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule orders does not exist on EventBus default.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('lists rules by prefix, a page at a time', async () => {
    for (const name of ['list-a', 'list-b', 'list-c', 'other'])
      await events.send(new PutRuleCommand({ Name: name, EventPattern: PATTERN }));
    const page1 = await events.send(new ListRulesCommand({ NamePrefix: 'list-', Limit: 2 }));
    expect(page1.Rules!.map((r) => r.Name)).toEqual(['list-a', 'list-b']);
    expect(page1.Rules![0]).toEqual({
      Name: 'list-a',
      Arn: ruleArn('list-a'),
      EventPattern: PATTERN,
      State: 'ENABLED',
      EventBusName: 'default',
    });
    const page2 = await events.send(
      new ListRulesCommand({ NamePrefix: 'list-', Limit: 2, NextToken: page1.NextToken }),
    );
    expect(page2.Rules!.map((r) => r.Name)).toEqual(['list-c']);
    expect(page2.NextToken).toBeUndefined();
    expect((await events.send(new ListRulesCommand({}))).Rules!.map((r) => r.Name)).toEqual([
      'list-a',
      'list-b',
      'list-c',
      'other',
    ]);
  });

  it('adds, lists and removes targets, and refuses to delete a rule that has some', async () => {
    await events.send(new PutRuleCommand({ Name: 'with-targets', EventPattern: PATTERN }));
    const target = {
      Id: 'q1',
      Arn: queueArn('q1'),
      InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"order": <id>}' },
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 60 },
      DeadLetterConfig: { Arn: queueArn('dlq') },
    };
    expect(
      await events.send(
        new PutTargetsCommand({
          Rule: 'with-targets',
          Targets: [target, { Id: 'q2', Arn: queueArn('q2'), Input: '{"a":1}' }],
        }),
      ),
    ).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    const listed = await events.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }));
    expect(listed.Targets).toEqual([target, { Id: 'q2', Arn: queueArn('q2'), Input: '{"a":1}' }]);
    const page = await events.send(new ListTargetsByRuleCommand({ Rule: 'with-targets', Limit: 1 }));
    expect(page.Targets!.map((t) => t.Id)).toEqual(['q1']);
    expect(
      (
        await events.send(new ListTargetsByRuleCommand({ Rule: 'with-targets', NextToken: page.NextToken }))
      ).Targets!.map((t) => t.Id),
    ).toEqual(['q2']);
    expect(
      (await events.send(new ListRuleNamesByTargetCommand({ TargetArn: queueArn('q2') }))).RuleNames,
    ).toEqual(['with-targets']);

    await expect(events.send(new DeleteRuleCommand({ Name: 'with-targets' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });
    const removed = await events.send(
      new RemoveTargetsCommand({ Rule: 'with-targets', Ids: ['q1', 'q2', 'nope'] }),
    );
    expect(removed).toMatchObject({
      FailedEntryCount: 1,
      FailedEntries: [
        {
          TargetId: 'nope',
          ErrorCode: 'ResourceNotFoundException',
          ErrorMessage: "Rule 'with-targets' does not have a target with the Id 'nope'.",
        },
      ],
    });
    await events.send(new DeleteRuleCommand({ Name: 'with-targets' }));
  });

  it('answers failed entries for targets it cannot deliver to, storing the others', async () => {
    await events.send(new PutRuleCommand({ Name: 'mixed', EventPattern: PATTERN }));
    const out = await events.send(
      new PutTargetsCommand({
        Rule: 'mixed',
        Targets: [
          { Id: 'fn', Arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` },
          { Id: 'topic', Arn: `arn:aws:sns:us-east-1:${ACCOUNT}:t` },
          { Id: 'sm', Arn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:m` },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(1);
    expect(out.FailedEntries).toEqual([
      {
        TargetId: 'fn',
        ErrorCode: 'ValidationException',
        ErrorMessage:
          'Switchyard delivers events to SQS queues, SNS topics and Step Functions state machines; lambda targets are not served.',
      },
    ]);
    expect(
      (await events.send(new ListTargetsByRuleCommand({ Rule: 'mixed' }))).Targets!.map((t) => t.Id),
    ).toEqual(['sm', 'topic']);
  });

  it("answers AWS's errors for rules and targets", async () => {
    await expect(events.send(new PutRuleCommand({ Name: 'nothing' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter(s) EventPattern or ScheduleExpression must be specified.',
    });
    await expect(
      events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source": "orders"}' })),
    ).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: "source" must be an object or an array',
    });
    await expect(
      events.send(new PutRuleCommand({ Name: 'scheduled', ScheduleExpression: 'rate(5 minutes)' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      events.send(new PutRuleCommand({ Name: 'elsewhere', EventPattern: PATTERN, EventBusName: 'custom' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus custom does not exist.',
    });
    await expect(events.send(new EnableRuleCommand({ Name: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule missing does not exist on EventBus default.',
    });
    await expect(
      events.send(new PutTargetsCommand({ Rule: 'missing', Targets: [{ Id: 'q', Arn: queueArn('q') }] })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule missing does not exist on EventBus default.',
    });

    await events.send(new PutRuleCommand({ Name: 'targets', EventPattern: PATTERN }));
    const put = (Targets: ConstructorParameters<typeof PutTargetsCommand>[0]['Targets']) =>
      events.send(new PutTargetsCommand({ Rule: 'targets', Targets }));
    await expect(put([{ Id: 'a b', Arn: queueArn('q') }])).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'a b' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    });
    await expect(
      put([{ Id: 'both', Arn: queueArn('q'), Input: '{}', InputPath: '$.detail' }]),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Only one of Input, InputPath, or InputTransformer must be provided for target both.',
    });
    await expect(put([{ Id: 'fifo', Arn: queueArn('q.fifo') }])).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter(s) SqsParameters must be specified for target: fifo.',
    });
    await expect(put([{ Id: 'arn', Arn: 'not-an-arn' }])).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.',
    });
    await expect(
      put([{ Id: 't', Arn: queueArn('q'), InputTransformer: { InputTemplate: '{"a": <nope>}' } }]),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'InputTemplate for target t contains invalid placeholder nope.',
    });
    await expect(
      put([{ Id: 't', Arn: queueArn('q'), RetryPolicy: { MaximumRetryAttempts: 186 } }]),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('less than or equal to 185'),
    });
    await expect(
      put(['1', '2', '3', '4', '5', '6'].map((Id) => ({ Id, Arn: queueArn(`q${Id}`) }))),
    ).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'The requested resource exceeds the maximum number allowed.',
    });
    await expect(
      events.send(new TagResourceCommand({ ResourceARN: ruleArn('missing'), Tags: [] })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('tags and untags a rule', async () => {
    await events.send(new PutRuleCommand({ Name: 'tagged', EventPattern: PATTERN }));
    await events.send(
      new TagResourceCommand({
        ResourceARN: ruleArn('tagged'),
        Tags: [
          { Key: 'b', Value: '2' },
          { Key: 'a', Value: '1' },
        ],
      }),
    );
    await events.send(new UntagResourceCommand({ ResourceARN: ruleArn('tagged'), TagKeys: ['b', 'c'] }));
    expect(
      (await events.send(new ListTagsForResourceCommand({ ResourceARN: ruleArn('tagged') }))).Tags,
    ).toEqual([{ Key: 'a', Value: '1' }]);
  });

  it('tests a pattern against an event', async () => {
    const event = JSON.stringify({
      id: '1',
      account: ACCOUNT,
      source: 'orders',
      time: '2024-01-01T00:00:00Z',
      region: 'us-east-1',
      'detail-type': 'created',
      resources: [],
      detail: { amount: 120, ip: '10.1.2.3' },
    });
    const test = (EventPattern: string, Event = event) =>
      events.send(new TestEventPatternCommand({ EventPattern, Event }));
    expect((await test('{"detail": {"amount": [{"numeric": [">", 100]}]}}')).Result).toBe(true);
    expect(
      (await test('{"detail": {"ip": [{"cidr": "10.0.0.0/8"}], "amount": [{"anything-but": 120}]}}')).Result,
    ).toBe(false);
    await expect(test('{"source": []}')).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: 'Event pattern is not valid. Reason: Empty arrays are not allowed',
    });
    await expect(test(PATTERN, '{"source": "orders"}')).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter Event is not valid.',
    });
  });
});
