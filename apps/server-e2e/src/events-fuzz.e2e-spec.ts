import {
  CreateConnectionCommand,
  DescribeConnectionCommand,
  DescribeRuleCommand,
  type EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { Events, type StructShape } from '@switchyard/aws-wire';
import { EVENTS_OPERATIONS } from '@switchyard/events';
import { eventBridgeClient } from './test-support/event-bridge';
import { FUZZ_TIMEOUT, fuzzJsonRequests, shapeValues } from './test-support/shape-fuzz';
import { useTestServer } from './test-support/test-server';

const ACCOUNT = '000000000000';
const PATTERN = JSON.stringify({ source: ['fuzz'], detail: { n: [{ numeric: ['>', 1] }] } });
const CANARY_PATTERN = JSON.stringify({ source: ['canary'] });
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const ruleArn = (name: string) => `arn:aws:events:us-east-1:${ACCOUNT}:rule/${name}`;

/**
 * Every EventBridge operation Switchyard serves, fed inputs that are well-formed for its shape but
 * carry arbitrary values (valid, borderline and absurd): each answer is a 200 or an AWS client
 * error, never a 5xx, and a rule and a connection the requests cannot name stay as they were.
 */
describe('EventBridge under arbitrary well-formed requests', () => {
  const env = useTestServer();
  let events: EventBridgeClient;
  let operations: { name: string; input: StructShape }[] = [];
  let canaryConnection = '';

  beforeAll(async () => {
    events = eventBridgeClient(env.server);
    const model = Events.EVENTS_WIRE.model.operations;
    const served = EVENTS_OPERATIONS.map((op) => op.name.replace(/Operation$/, ''));
    expect(served.filter((name) => !(name in model))).toEqual([]);
    operations = served.map((name) => ({ name, input: model[name].input }));
    await env.queue('fuzz-queue');
    await events.send(new PutRuleCommand({ Name: 'fuzz-rule', EventPattern: PATTERN }));
    await events.send(
      new PutTargetsCommand({
        Rule: 'fuzz-rule',
        Targets: [{ Id: 'fuzz-target', Arn: queueArn('fuzz-queue') }],
      }),
    );
    await events.send(
      new CreateConnectionCommand({
        Name: 'fuzz-connection',
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } },
      }),
    );
    await events.send(
      new PutRuleCommand({ Name: 'canary-never-named', EventPattern: CANARY_PATTERN, Description: 'keep' }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'canary-never-named',
        Targets: [{ Id: 'keep', Arn: queueArn('fuzz-queue') }],
      }),
    );
    canaryConnection = (
      await events.send(
        new CreateConnectionCommand({
          Name: 'canary-connection-never-named',
          AuthorizationType: 'BASIC',
          AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
        }),
      )
    ).ConnectionArn!;
  });
  afterAll(() => events.destroy());

  const names = ['fuzz-rule', 'fuzz-connection', 'fuzz-target', 'missing', 'default'];
  const arns = [
    ruleArn('fuzz-rule'),
    ruleArn('missing'),
    queueArn('fuzz-queue'),
    queueArn('fuzz.fifo'),
    `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`,
    `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/other`,
    `arn:aws:sns:us-east-1:${ACCOUNT}:topic`,
    `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:m`,
    `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`,
  ];
  const words = [
    '',
    ' ',
    'ENABLED',
    'DISABLED',
    'API_KEY',
    'BASIC',
    'OAUTH_CLIENT_CREDENTIALS',
    'AUTHORIZED',
    'DEAUTHORIZED',
    'GET',
    'POST',
    'aws.ec2',
    'fuzz',
    PATTERN,
    '{"source": [{"prefix": ""}]}',
    '{"a": [{"wildcard": "**"}]}',
    '{"a": [{"numeric": [">", 6e9]}]}',
    '{"$or": [{"a": ["1"]}, {"b": [{"exists": false}]}]}',
    '{"n": 2}',
    '{"id":"1","account":"0","source":"fuzz","time":"t","region":"r","detail-type":"d","detail":{"n":5}}',
    '{}',
    '[]',
    'null',
    '{',
    '$',
    '$.detail',
    '$.detail.n',
    "$['a-b'][0]",
    '"<aws.events.rule-name> <n>"',
    '{"a": <n>}',
    'rate(5 minutes)',
    'eyJhZnRlciI6ImZ1enotcnVsZSJ9',
    'a'.repeat(65),
    '\u0000',
    '\uD800',
    'é漢字😀',
    '0',
    '-1',
    '101',
    ...names,
    ...arns,
  ];
  const values = shapeValues({
    words,
    pool: () => [...names, ...arns],
    realByMember: () => ({
      Name: names,
      Rule: ['fuzz-rule'],
      EventBusName: ['default'],
      ResourceARN: [ruleArn('fuzz-rule')],
      Arn: arns,
      TargetArn: [queueArn('fuzz-queue')],
    }),
  });

  it(
    'answers AWS JSON 1.1 requests with a 200 or an AWS client error',
    () =>
      fuzzJsonRequests({
        url: env.server.url,
        jsonVersion: '1.1',
        targetPrefix: 'AWSEvents',
        operations,
        values,
        seed: 20261214,
      }),
    FUZZ_TIMEOUT,
  );

  it('leaves a rule and a connection the requests never named as they were', async () => {
    expect(await events.send(new DescribeRuleCommand({ Name: 'canary-never-named' }))).toMatchObject({
      EventPattern: CANARY_PATTERN,
      Description: 'keep',
      State: 'ENABLED',
    });
    expect((await events.send(new ListTargetsByRuleCommand({ Rule: 'canary-never-named' }))).Targets).toEqual(
      [{ Id: 'keep', Arn: queueArn('fuzz-queue') }],
    );
    expect(
      await events.send(new DescribeConnectionCommand({ Name: 'canary-connection-never-named' })),
    ).toMatchObject({
      ConnectionArn: canaryConnection,
      ConnectionState: 'AUTHORIZED',
      AuthParameters: { BasicAuthParameters: { Username: 'u' } },
    });
  });
});
