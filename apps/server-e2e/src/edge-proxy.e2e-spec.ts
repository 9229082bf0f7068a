import { randomUUID } from 'node:crypto';
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { receiveMessages } from './test-support/event-bridge';
import { EdgeProxy } from './test-support/edge-proxy';
import { ServerProcess } from './test-support/server-process';
import { freePort, testRedisUrl } from './test-support/test-server';

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';

/**
 * The cluster's one address: nginx with the repository's edge configuration in front of a queue,
 * a topic and an orchestration gateway (and an executor), each its own process on one Redis. The
 * AWS SDKs, pointed at the edge alone, reach every service.
 */
describe('the edge proxy routes every service to its gateway', () => {
  const prefix = `edge${randomUUID().slice(0, 8)}`;
  const processes: ServerProcess[] = [];
  let proxy: EdgeProxy | undefined;
  let edge = '';
  const clients: { destroy(): void }[] = [];
  const settings = () => ({
    endpoint: edge,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEDGE', secretAccessKey: 'secret' },
    maxAttempts: 2,
  });
  const client = <T extends { destroy(): void }>(c: T): T => {
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    proxy = await EdgeProxy.onFreePort();
    edge = proxy.url;
    const gateways: Record<string, ServerProcess> = {};
    for (const app of ['queue-gateway', 'topic-gateway', 'orchestration-gateway', 'executor']) {
      const p = new ServerProcess(
        await freePort(),
        testRedisUrl(),
        prefix,
        { SWITCHYARD_PUBLIC_URL: edge },
        app,
      );
      await p.start();
      processes.push(p);
      gateways[app] = p;
    }
    const at = (app: string) => [`127.0.0.1:${gateways[app].port}`];
    await proxy.start({
      queue: at('queue-gateway'),
      topic: at('topic-gateway'),
      orchestration: at('orchestration-gateway'),
    });
  }, 120_000);

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await proxy?.stop();
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
  });

  it('queues (AWS JSON), topics (query) and workflows (JSON 1.0) through one endpoint', async () => {
    const sqs = client(new SQSClient(settings()));
    const sns = client(new SNSClient(settings()));
    const sfn = client(new SFNClient({ ...settings(), disableHostPrefix: true }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'edge-orders' }));
    expect(QueueUrl).toBe(`${edge}/000000000000/edge-orders`);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'edge-news' }));
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: Attributes!.QueueArn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await sns.send(new PublishCommand({ TopicArn, Message: 'through the edge' }));
    const [message] = await receiveMessages(sqs, QueueUrl!, 1, 15_000);
    expect(message.Body).toBe('through the edge');

    const standard = await sfn.send(
      new CreateStateMachineCommand({
        name: 'edge-flow',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Send',
          States: {
            Send: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage',
              Parameters: { QueueUrl, MessageBody: 'from a workflow' },
              End: true,
            },
          },
        }),
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: standard.stateMachineArn, input: '{}' }),
    );
    let status = 'RUNNING';
    for (let i = 0; i < 200 && status === 'RUNNING'; i++) {
      status = (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status!;
      if (status === 'RUNNING') await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe('SUCCEEDED');
    const [fromWorkflow] = await receiveMessages(sqs, QueueUrl!, 1, 15_000);
    expect(fromWorkflow.Body).toBe('from a workflow');

    const express = await sfn.send(
      new CreateStateMachineCommand({
        name: 'edge-express',
        type: 'EXPRESS',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'P',
          States: { P: { Type: 'Pass', Result: 'fast', End: true } },
        }),
      }),
    );
    const sync = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: express.stateMachineArn }));
    expect(sync).toMatchObject({ status: 'SUCCEEDED', output: '"fast"' });
  });

  it('EventBridge (JSON 1.1) reaches the orchestration gateway, and its deliveries arrive', async () => {
    const sqs = client(new SQSClient(settings()));
    const events = client(new EventBridgeClient(settings()));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'edge-events' }));
    await events.send(
      new PutRuleCommand({ Name: 'edge-rule', EventPattern: JSON.stringify({ source: ['edge.test'] }) }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'edge-rule',
        Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:edge-events' }],
      }),
    );
    await events.send(
      new PutEventsCommand({ Entries: [{ Source: 'edge.test', DetailType: 'Ping', Detail: '{"n":1}' }] }),
    );
    const [message] = await receiveMessages(sqs, QueueUrl!, 1, 15_000);
    expect(JSON.parse(message.Body!)).toMatchObject({ source: 'edge.test', detail: { n: 1 } });
  });

  it('holds a long poll open through the proxy until it ends', async () => {
    const sqs = client(new SQSClient(settings()));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'edge-quiet' }));
    const started = Date.now();
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 3 }));
    expect(Messages ?? []).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
  });
});
