import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { eventBridgeClient, receiveMessages } from './test-support/event-bridge';
import { startTestServer, type TestServer } from './test-support/test-server';

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';

/**
 * Failure alerts as AWS wires them: a Standard execution's status changes are EventBridge events
 * (`aws.states`, "Step Functions Execution Status Change"), a rule sends the failures to an SNS
 * topic, and the topic's subscribers (here a queue) get them.
 */
describe('Step Functions failure alerts through EventBridge and SNS', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  const queueArn = async (QueueUrl: string) =>
    (await server.sqs().send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] })))
      .Attributes!.QueueArn!;

  it('delivers a failed execution to a queue subscribed to the alert topic, and only failures', async () => {
    const sqs = server.sqs();
    const sns = server.sns();
    const sfn = server.sfn();
    const events = eventBridgeClient(server);
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'alerts-inbox' }));
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'workflow-alerts' }));
      await sns.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'sqs',
          Endpoint: await queueArn(QueueUrl!),
          Attributes: { RawMessageDelivery: 'true' },
        }),
      );
      await events.send(
        new PutRuleCommand({
          Name: 'workflow-failed',
          EventPattern: JSON.stringify({
            source: ['aws.states'],
            'detail-type': ['Step Functions Execution Status Change'],
            detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
          }),
        }),
      );
      await events.send(
        new PutTargetsCommand({ Rule: 'workflow-failed', Targets: [{ Id: 'topic', Arn: TopicArn }] }),
      );
      const machine = async (name: string, definition: object) =>
        (
          await sfn.send(
            new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition) }),
          )
        ).stateMachineArn!;
      const failing = await machine('nightly-report', {
        StartAt: 'Break',
        States: { Break: { Type: 'Fail', Error: 'Report.Failed', Cause: 'the database was down' } },
      });
      const fine = await machine('hourly-report', {
        StartAt: 'Ok',
        States: { Ok: { Type: 'Pass', End: true } },
      });
      await sfn.send(new StartExecutionCommand({ stateMachineArn: fine, name: 'ok-1', input: '{}' }));
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: failing, name: 'run-7', input: '{"day":"mon"}' }),
      );
      const [message] = await receiveMessages(sqs, QueueUrl!, 1, 15_000);
      const event = JSON.parse(message.Body!) as Record<string, any>;
      expect(event).toMatchObject({
        version: '0',
        source: 'aws.states',
        'detail-type': 'Step Functions Execution Status Change',
        account: '000000000000',
        region: 'us-east-1',
        resources: [executionArn],
        detail: {
          executionArn,
          stateMachineArn: failing,
          name: 'run-7',
          status: 'FAILED',
          input: '{"day":"mon"}',
          inputDetails: { included: true },
          output: null,
          error: 'Report.Failed',
          cause: 'the database was down',
          redriveCount: 0,
          redriveStatus: 'REDRIVABLE',
        },
      });
      expect(event.detail.stopDate).toBeGreaterThanOrEqual(event.detail.startDate);
      // The succeeding execution and the RUNNING changes matched no rule: nothing else arrives.
      expect(await receiveMessages(sqs, QueueUrl!, 1, 2_000)).toEqual([]);
    } finally {
      events.destroy();
    }
  });

  it('emits RUNNING and SUCCEEDED too, for rules that ask for them', async () => {
    const sqs = server.sqs();
    const sfn = server.sfn();
    const events = eventBridgeClient(server);
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'status-log' }));
      await events.send(
        new PutRuleCommand({
          Name: 'audit-machine',
          EventPattern: JSON.stringify({
            source: ['aws.states'],
            detail: { stateMachineArn: [{ suffix: ':stateMachine:audited' }] },
          }),
        }),
      );
      await events.send(
        new PutTargetsCommand({
          Rule: 'audit-machine',
          Targets: [{ Id: 'log', Arn: await queueArn(QueueUrl!), InputPath: '$.detail.status' }],
        }),
      );
      const { stateMachineArn } = await sfn.send(
        new CreateStateMachineCommand({
          name: 'audited',
          roleArn: ROLE,
          definition: JSON.stringify({
            StartAt: 'Nap',
            States: { Nap: { Type: 'Wait', Seconds: 1, End: true } },
          }),
        }),
      );
      await new Promise((r) => setTimeout(r, 300));
      await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
      const messages = await receiveMessages(sqs, QueueUrl!, 2, 15_000);
      expect(messages.map((m) => m.Body).sort()).toEqual(['"RUNNING"', '"SUCCEEDED"']);
    } finally {
      events.destroy();
    }
  });
});
