import {
  DisableRuleCommand,
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
} from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import type { Message } from '@aws-sdk/client-sqs';
import { EventBus } from '@switchyard/events';
import { eventBridgeClient, receiveMessages } from './test-support/event-bridge';
import { useTestServer } from './test-support/test-server';

const ACCOUNT = '000000000000';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const ruleArn = (name: string) => `arn:aws:events:us-east-1:${ACCOUNT}:rule/${name}`;
const ROLE = 'arn:aws:iam::000000000000:role/EventsRole';

describe('EventBridge events delivered to queues, topics and state machines', () => {
  const env = useTestServer();
  const { sqs, sns, sfn } = env;
  let events: EventBridgeClient;
  beforeAll(() => {
    events = eventBridgeClient(env.server);
  });
  afterAll(() => events.destroy());

  /** A rule matching `source` with the given targets. */
  async function rule(name: string, source: string, targets: Target[]): Promise<void> {
    await events.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: [source] }) }));
    const out = await events.send(new PutTargetsCommand({ Rule: name, Targets: targets }));
    expect(out.FailedEntryCount).toBe(0);
  }

  const entry = (
    Source: string,
    detail: object,
    more: Partial<PutEventsRequestEntry> = {},
  ): PutEventsRequestEntry => ({
    Source,
    DetailType: 'Order Placed',
    Detail: JSON.stringify(detail),
    ...more,
  });

  it('delivers the events a rule matches to a queue, as the AWS event document, and answers failed entries', async () => {
    const url = await env.queue('orders-queue');
    await rule('to-queue', 'shop', [{ Id: 'queue', Arn: queueArn('orders-queue') }]);
    const time = new Date('2024-05-01T10:00:00Z');
    const out = await events.send(
      new PutEventsCommand({
        Entries: [
          entry('shop', { id: 1, total: 9.5 }, { Resources: ['arn:aws:shop:order/1'], Time: time }),
          entry('elsewhere', { id: 2 }),
          { DetailType: 'x', Detail: '{}' },
          entry('shop', {}, { Detail: '[1, 2]' }),
          entry('aws.ec2', { id: 3 }),
          entry('shop', { id: 4 }, { DetailType: undefined }),
          entry('shop', { id: 5 }, { EventBusName: 'custom' }),
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(5);
    expect(out.Entries![0].EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.Entries![1].EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.Entries!.slice(2)).toEqual([
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus custom does not exist.' },
    ]);
    const messages = await receiveMessages(sqs, url, 1);
    expect(messages).toHaveLength(1);
    const body = JSON.parse(messages[0].Body!);
    expect(body).toEqual({
      version: '0',
      id: out.Entries![0].EventId,
      'detail-type': 'Order Placed',
      source: 'shop',
      account: ACCOUNT,
      time: '2024-05-01T10:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:shop:order/1'],
      detail: { id: 1, total: 9.5 },
    });
    expect(Object.keys(body)).toEqual([
      'version',
      'id',
      'detail-type',
      'source',
      'account',
      'time',
      'region',
      'resources',
      'detail',
    ]);
    // Nothing else arrives: the other events matched no rule.
    expect(await receiveMessages(sqs, url, 1, 1500)).toEqual([]);
  });

  it("refuses requests over AWS's limits as a whole", async () => {
    await expect(
      events.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry('shop', {})) })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        "at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10",
      ),
    });
    await expect(
      events.send(new PutEventsCommand({ Entries: [entry('shop', { pad: 'x'.repeat(262_144) })] })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
  });

  it('publishes to a topic target, whose subscribers receive the event', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'order-events' }));
    const url = await env.queue('topic-subscriber');
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: queueArn('topic-subscriber'),
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await rule('to-topic', 'topic-shop', [{ Id: 'topic', Arn: TopicArn! }]);
    const out = await events.send(new PutEventsCommand({ Entries: [entry('topic-shop', { id: 7 })] }));
    const [message] = await receiveMessages(sqs, url, 1);
    expect(JSON.parse(message.Body!)).toMatchObject({
      id: out.Entries![0].EventId,
      source: 'topic-shop',
      detail: { id: 7 },
    });
  });

  it('starts an execution of a state machine target with the event as its input', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'on-order',
        roleArn: ROLE,
        definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
      }),
    );
    await rule('to-machine', 'machine-shop', [{ Id: 'machine', Arn: stateMachineArn! }]);
    const out = await events.send(new PutEventsCommand({ Entries: [entry('machine-shop', { id: 8 })] }));
    let executions: { executionArn?: string }[] = [];
    const deadline = Date.now() + 10_000;
    while (executions.length === 0 && Date.now() < deadline) {
      executions = (await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions ?? [];
      if (executions.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(executions).toHaveLength(1);
    const execution = await sfn.send(
      new DescribeExecutionCommand({ executionArn: executions[0].executionArn }),
    );
    expect(JSON.parse(execution.input!)).toMatchObject({ id: out.Entries![0].EventId, detail: { id: 8 } });
  });

  it('transforms the input with InputTransformer, InputPath and Input', async () => {
    const urls = await Promise.all(['tx-text', 'tx-json', 'tx-path', 'tx-const'].map((q) => env.queue(q)));
    await rule('transformed', 'tx-shop', [
      {
        Id: 'text',
        Arn: queueArn('tx-text'),
        InputTransformer: {
          InputPathsMap: { id: '$.detail.id', state: '$.detail.state', missing: '$.detail.nothing' },
          InputTemplate: '"order <id> is <state>, <missing> seen by <aws.events.rule-name>"',
        },
      },
      {
        Id: 'json',
        Arn: queueArn('tx-json'),
        InputTransformer: {
          InputPathsMap: { id: '$.detail.id', items: '$.detail.items', missing: '$.detail.nothing' },
          InputTemplate:
            '{\n  "order": <id>,\n  "items": <items>,\n  "missing": <missing>,\n  "rule": <aws.events.rule-arn>,\n  "note": "order <id>"\n}',
        },
      },
      { Id: 'path', Arn: queueArn('tx-path'), InputPath: '$.detail.items[0]' },
      { Id: 'const', Arn: queueArn('tx-const'), Input: '{"fixed": true}' },
    ]);
    await events.send(
      new PutEventsCommand({
        Entries: [entry('tx-shop', { id: 'o-9', state: 'PAID', items: [{ sku: 'A' }] })],
      }),
    );
    const bodies = await Promise.all(urls.map(async (url) => (await receiveMessages(sqs, url, 1))[0]?.Body));
    expect(bodies).toEqual([
      '"order o-9 is PAID,  seen by transformed"',
      `{"order":"o-9","items":[{"sku":"A"}],"missing":null,"rule":"${ruleArn('transformed')}","note":"order o-9"}`,
      '{"sku":"A"}',
      '{"fixed": true}',
    ]);
  });

  it('sends to a FIFO queue in the target’s message group, de-duplicated by event id', async () => {
    const url = await env.queue('orders.fifo', { FifoQueue: 'true' });
    await rule('to-fifo', 'fifo-shop', [
      { Id: 'fifo', Arn: queueArn('orders.fifo'), SqsParameters: { MessageGroupId: 'orders' } },
    ]);
    const out = await events.send(
      new PutEventsCommand({ Entries: [entry('fifo-shop', { n: 1 }), entry('fifo-shop', { n: 2 })] }),
    );
    const messages = await receiveMessages(sqs, url, 2);
    expect(messages.map((m) => JSON.parse(m.Body!).detail.n).sort()).toEqual([1, 2]);
    expect(messages.map((m) => JSON.parse(m.Body!).id).sort()).toEqual(
      out.Entries!.map((e) => e.EventId).sort(),
    );
  });

  it('dead-letters an event a target cannot take, with the attributes AWS gives it', async () => {
    const dlq = await env.queue('events-dlq');
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'takes-json',
        roleArn: ROLE,
        definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
      }),
    );
    await rule('failing', 'failing-shop', [
      { Id: 'gone', Arn: queueArn('no-such-queue'), DeadLetterConfig: { Arn: queueArn('events-dlq') } },
      {
        Id: 'not-json',
        Arn: stateMachineArn!,
        InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: 'order <id>' },
        DeadLetterConfig: { Arn: queueArn('events-dlq') },
      },
    ]);
    const out = await events.send(new PutEventsCommand({ Entries: [entry('failing-shop', { id: 'x' })] }));
    const messages = await receiveMessages(sqs, dlq, 2);
    expect(messages).toHaveLength(2);
    const byTarget = new Map(messages.map((m) => [m.MessageAttributes!.TARGET_ARN.StringValue!, m]));
    const gone = byTarget.get(queueArn('no-such-queue'))!;
    expect(JSON.parse(gone.Body!)).toMatchObject({ id: out.Entries![0].EventId, detail: { id: 'x' } });
    const attributes = (m: Message) =>
      Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]));
    expect(attributes(gone)).toEqual({
      RULE_ARN: ruleArn('failing'),
      TARGET_ARN: queueArn('no-such-queue'),
      ERROR_CODE: 'NO_RESOURCE',
      ERROR_MESSAGE: expect.stringContaining('QueueDoesNotExist'),
      RETRY_ATTEMPTS: '0',
    });
    expect(attributes(byTarget.get(stateMachineArn!)!)).toMatchObject({
      ERROR_CODE: 'INVALID_PARAMETER',
      RETRY_ATTEMPTS: '0',
    });
  });

  it('delivers nothing for a disabled rule', async () => {
    const url = await env.queue('disabled-queue');
    await rule('disabled', 'disabled-shop', [{ Id: 'q', Arn: queueArn('disabled-queue') }]);
    await events.send(new DisableRuleCommand({ Name: 'disabled' }));
    await events.send(new PutEventsCommand({ Entries: [entry('disabled-shop', {})] }));
    expect(await receiveMessages(sqs, url, 1, 1500)).toEqual([]);
  });

  it('delivers events other features emit in-process through EventBus, aws. sources included', async () => {
    const url = await env.queue('status-changes');
    await rule('sfn-status', 'aws.states', [{ Id: 'q', Arn: queueArn('status-changes') }]);
    const bus = env.server.running.app.get(EventBus, { strict: false });
    const [id] = await bus.publish(ACCOUNT, [
      {
        source: 'aws.states',
        detailType: 'Step Functions Execution Status Change',
        detail: { status: 'SUCCEEDED' },
        resources: ['arn:aws:states:us-east-1:000000000000:execution:m:e'],
      },
    ]);
    const [message] = await receiveMessages(sqs, url, 1);
    expect(JSON.parse(message.Body!)).toMatchObject({
      id,
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      resources: ['arn:aws:states:us-east-1:000000000000:execution:m:e'],
      detail: { status: 'SUCCEEDED' },
    });
  });
});
