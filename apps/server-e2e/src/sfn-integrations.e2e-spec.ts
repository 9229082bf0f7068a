import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { CreateTopicCommand, type SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateConnectionCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { TestStateCommand } from '@aws-sdk/client-sfn';
import { eventBridgeClient } from './test-support/event-bridge';
import { createStateMachine, describeWhenEnded, TEST_ROLE } from './test-support/step-functions';
import { startTestServer, type TestServer } from './test-support/test-server';

const ROLE = TEST_ROLE;
const ACCOUNT = '000000000000';

/**
 * Workflows that drive Switchyard's own services through AWS's resource ARNs: sending to queues,
 * publishing to topics, starting other workflows and waiting for them, and the AWS SDK integrations
 * with SQS and SNS, with outputs and error names as AWS's, so Retry and Catch behave the same.
 */
describe('Step Functions service integrations', () => {
  let server: TestServer;
  let sfn: SFNClient;
  let sqs: SQSClient;
  let sns: SNSClient;

  beforeAll(async () => {
    server = await startTestServer();
    sfn = server.sfn();
    sqs = server.sqs();
    sns = server.sns();
  });
  afterAll(async () => server?.close());

  const machine = (name: string, definition: object, type?: 'EXPRESS') =>
    createStateMachine(sfn, name, definition, type);
  const queue = async (QueueName: string, Attributes?: Record<string, string>) =>
    (await sqs.send(new CreateQueueCommand({ QueueName, Attributes }))).QueueUrl!;

  /** Describes the execution until it has ended (or 20 s passed). */
  const ended = (executionArn: string) => describeWhenEnded(sfn, executionArn);
  const run = async (stateMachineArn: string, input: object = {}, name?: string) => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }),
    );
    return ended(executionArn!);
  };
  const receiveOne = async (QueueUrl: string) => {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10, MessageAttributeNames: ['All'] }),
    );
    expect(Messages).toHaveLength(1);
    return Messages![0];
  };
  const failureOf = async (executionArn: string) => {
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    return events!.find((e) => e.type === 'TaskFailed')!.taskFailedEventDetails!;
  };

  describe('sqs:sendMessage', () => {
    it('sends a JSON body as its JSON text, with attributes, and answers as AWS does', async () => {
      const QueueUrl = await queue('integration-plain');
      const arn = await machine('send-plain', {
        StartAt: 'Send',
        States: {
          Send: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage',
            Parameters: {
              QueueUrl,
              'MessageBody.$': '$.order',
              MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
            },
            End: true,
          },
        },
      });
      const d = await run(arn, { order: { id: 7, items: ['a'] } });
      expect(d.status).toBe('SUCCEEDED');
      const output = JSON.parse(d.output!) as Record<string, any>;
      const message = await receiveOne(QueueUrl);
      expect(message.Body).toBe('{"id":7,"items":["a"]}');
      expect(message.MessageAttributes?.kind.StringValue).toBe('order');
      expect(output).toMatchObject({
        MessageId: message.MessageId,
        MD5OfMessageBody: message.MD5OfBody,
        SdkHttpMetadata: { HttpStatusCode: 200 },
      });
      expect(output.SdkResponseMetadata.RequestId).toBe(
        output.SdkHttpMetadata.HttpHeaders['x-amzn-RequestId'],
      );
    });

    it('sends to a FIFO queue with the group and de-duplication ids given', async () => {
      const QueueUrl = await queue('integration.fifo', { FifoQueue: 'true' });
      const arn = await machine('send-fifo', {
        StartAt: 'Send',
        States: {
          Send: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage',
            Parameters: {
              QueueUrl,
              MessageBody: 'hello',
              MessageGroupId: 'g1',
              'MessageDeduplicationId.$': '$.dedup',
            },
            End: true,
          },
        },
      });
      const first = await run(arn, { dedup: 'd1' });
      const again = await run(arn, { dedup: 'd1' });
      expect(JSON.parse(again.output!).MessageId).toBe(JSON.parse(first.output!).MessageId);
      expect(JSON.parse(first.output!).SequenceNumber).toMatch(/^\d+$/);
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      expect(Attributes?.ApproximateNumberOfMessages).toBe('1');
    });

    it("fails with AWS's error name and cause when the queue does not exist, which Catch sees", async () => {
      const arn = await machine('send-missing', {
        StartAt: 'Send',
        States: {
          Send: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage',
            Parameters: { QueueUrl: `${server.url}/${ACCOUNT}/nowhere`, MessageBody: 'x' },
            Catch: [{ ErrorEquals: ['SQS.AmazonSQSException'], Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Pass', End: true },
        },
      });
      const d = await run(arn);
      expect(d.status).toBe('SUCCEEDED');
      const caught = JSON.parse(d.output!) as { Error: string; Cause: string };
      expect(caught.Error).toBe('SQS.AmazonSQSException');
      expect(caught.Cause).toMatch(
        /^The specified queue does not exist\..* \(Service: AmazonSQS; Status Code: 400; Error Code: AWS\.SimpleQueueService\.NonExistentQueue; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
      );
    });

    it('waits for a human: the token goes out in the message and SendTaskSuccess answers the task', async () => {
      const QueueUrl = await queue('approvals');
      const arn = await machine('approval', {
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            Parameters: {
              QueueUrl,
              MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' },
            },
            ResultPath: '$.approval',
            End: true,
          },
        },
      });
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn, input: '{"order":"o-1"}' }),
      );
      const message = await receiveOne(QueueUrl);
      const body = JSON.parse(message.Body!) as { token: string; order: string };
      expect(body.order).toBe('o-1');
      expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
      await sfn.send(
        new SendTaskSuccessCommand({ taskToken: body.token, output: '{"approved":true,"by":"ann"}' }),
      );
      const d = await ended(executionArn!);
      expect(d.status).toBe('SUCCEEDED');
      expect(JSON.parse(d.output!)).toEqual({ order: 'o-1', approval: { approved: true, by: 'ann' } });
    });
  });

  describe('sns:publish', () => {
    it('fans a message out to every queue subscribed to the topic', async () => {
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'integration-orders' }));
      const urls = [await queue('fan-a'), await queue('fan-b')];
      for (const url of urls) {
        const { Attributes } = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
        );
        await sns.send(
          new SubscribeCommand({
            TopicArn,
            Protocol: 'sqs',
            Endpoint: Attributes!.QueueArn,
            Attributes: { RawMessageDelivery: 'true' },
          }),
        );
      }
      const arn = await machine('publish', {
        StartAt: 'Publish',
        States: {
          Publish: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sns:publish',
            Parameters: {
              TopicArn,
              'Message.$': '$',
              Subject: 'order',
              MessageAttributes: { kind: { DataType: 'String', StringValue: 'new' } },
            },
            End: true,
          },
        },
      });
      const d = await run(arn, { id: 9 });
      expect(d.status).toBe('SUCCEEDED');
      const output = JSON.parse(d.output!) as Record<string, any>;
      expect(output.MessageId).toMatch(/^[0-9a-f-]{36}$/);
      expect(output.SdkHttpMetadata.HttpStatusCode).toBe(200);
      for (const url of urls) expect((await receiveOne(url)).Body).toBe('{"id":9}');
    });

    it('fails with SNS.NotFoundException for a topic that does not exist', async () => {
      const arn = await machine('publish-missing', {
        StartAt: 'Publish',
        States: {
          Publish: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sns:publish',
            Parameters: { TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:nothing`, Message: 'x' },
            End: true,
          },
        },
      });
      const d = await run(arn);
      expect(d).toMatchObject({ status: 'FAILED', error: 'SNS.NotFoundException' });
      expect(d.cause).toMatch(/\(Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: /);
    });
  });

  describe('states:startExecution', () => {
    let child: string;
    let failing: string;
    beforeAll(async () => {
      child = await machine('child', {
        StartAt: 'Double',
        States: {
          Double: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, $.n)' }, Next: 'Wait' },
          Wait: { Type: 'Wait', Seconds: 1, End: true },
        },
      });
      failing = await machine('child-failing', {
        StartAt: 'Boom',
        States: { Boom: { Type: 'Fail', Error: 'Child.Broke', Cause: 'on purpose' } },
      });
    });

    const parent = (name: string, resource: string, stateMachineArn: string, extra: object = {}) =>
      machine(name, {
        StartAt: 'Child',
        States: {
          Child: {
            Type: 'Task',
            Resource: resource,
            Parameters: {
              StateMachineArn: stateMachineArn,
              'Input.$': '$',
              ...extra,
            },
            End: true,
          },
        },
      });

    it('starts a child and goes on (request-response)', async () => {
      const arn = await parent('parent-fire', 'arn:aws:states:::states:startExecution', child, {
        Name: 'fired-child',
      });
      const d = await run(arn, { n: 1 });
      expect(d.status).toBe('SUCCEEDED');
      const output = JSON.parse(d.output!) as { ExecutionArn: string; StartDate: number };
      expect(output.ExecutionArn).toBe(`arn:aws:states:us-east-1:${ACCOUNT}:execution:child:fired-child`);
      expect(output.StartDate).toBeGreaterThan(1e12);
      expect((await ended(output.ExecutionArn)).output).toBe('{"n":2}');
    });

    it('waits for the child with .sync, its output as text', async () => {
      const arn = await parent('parent-sync', 'arn:aws:states:::states:startExecution.sync', child);
      const d = await run(arn, { n: 4 });
      expect(d.status).toBe('SUCCEEDED');
      const output = JSON.parse(d.output!) as Record<string, unknown>;
      expect(output).toMatchObject({
        Input: '{"n":4}',
        Output: '{"n":8}',
        Status: 'SUCCEEDED',
        StateMachineArn: child,
        InputDetails: { Included: true },
      });
      expect(output.StopDate as number).toBeGreaterThanOrEqual((output.StartDate as number) + 900);
    });

    it('waits for the child with .sync:2, its input and output as JSON', async () => {
      const arn = await parent('parent-sync2', 'arn:aws:states:::states:startExecution.sync:2', child);
      const d = await run(arn, { n: 5 });
      expect(JSON.parse(d.output!)).toMatchObject({
        Input: { n: 5 },
        Output: { n: 10 },
        Status: 'SUCCEEDED',
      });
    });

    it("fails the parent's task with States.TaskFailed and the child's description when the child fails", async () => {
      const arn = await parent('parent-of-failing', 'arn:aws:states:::states:startExecution.sync', failing);
      const d = await run(arn, { n: 1 });
      expect(d).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
      expect(JSON.parse(d.cause!)).toMatchObject({
        Status: 'FAILED',
        Error: 'Child.Broke',
        Cause: 'on purpose',
        StateMachineArn: failing,
      });
    });

    it('runs an EXPRESS child to its end with .sync:2, and fails with it', async () => {
      const quick = await machine(
        'child-express',
        {
          StartAt: 'Check',
          States: {
            Check: {
              Type: 'Choice',
              Choices: [{ Variable: '$.n', NumericLessThan: 0, Next: 'No' }],
              Default: 'Yes',
            },
            Yes: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, End: true },
            No: { Type: 'Fail', Error: 'Negative', Cause: 'n < 0' },
          },
        },
        'EXPRESS',
      );
      const arn = await parent('parent-of-express', 'arn:aws:states:::states:startExecution.sync:2', quick);
      const d = await run(arn, { n: 41 });
      expect(d.status).toBe('SUCCEEDED');
      expect(JSON.parse(d.output!)).toMatchObject({
        Input: { n: 41 },
        Output: { n: 42 },
        Status: 'SUCCEEDED',
      });
      const failed = await run(arn, { n: -1 });
      expect(failed).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
      expect(JSON.parse(failed.cause!)).toMatchObject({ Status: 'FAILED', Error: 'Negative' });
    });

    it('names a missing state machine with StepFunctions.StateMachineDoesNotExistException', async () => {
      const arn = await parent(
        'parent-of-nothing',
        'arn:aws:states:::states:startExecution.sync:2',
        `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:nothing`,
      );
      const d = await run(arn);
      expect(d).toMatchObject({
        status: 'FAILED',
        error: 'StepFunctions.StateMachineDoesNotExistException',
      });
      expect(d.cause).toMatch(
        /Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist/,
      );
    });
  });

  describe('AWS SDK integrations', () => {
    it('call any SQS and SNS operation with their own parameter names and answer their output', async () => {
      const arn = await machine('sdk-calls', {
        StartAt: 'Create',
        States: {
          Create: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:sqs:createQueue',
            Parameters: { QueueName: 'sdk-made', Attributes: { VisibilityTimeout: '45' } },
            ResultPath: '$.queue',
            Next: 'Send',
          },
          Send: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:sqs:sendMessage',
            Parameters: { 'QueueUrl.$': '$.queue.QueueUrl', MessageBody: 'from sdk' },
            ResultPath: '$.sent',
            Next: 'Topic',
          },
          Topic: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:sns:createTopic',
            Parameters: { Name: 'sdk-topic' },
            ResultPath: '$.topic',
            End: true,
          },
        },
      });
      const d = await run(arn);
      expect(d.status).toBe('SUCCEEDED');
      const output = JSON.parse(d.output!) as Record<string, any>;
      expect(output.queue).toEqual({ QueueUrl: expect.stringMatching(/\/sdk-made$/) });
      expect(Object.keys(output.sent).sort()).toEqual(['MD5OfMessageBody', 'MessageId']);
      expect(output.topic).toEqual({ TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:sdk-topic` });
      expect((await receiveOne(output.queue.QueueUrl)).Body).toBe('from sdk');
    });

    it('name their errors <Service>.<Code>Exception, which Catch sees', async () => {
      const arn = await machine('sdk-missing', {
        StartAt: 'Find',
        States: {
          Find: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:sqs:getQueueUrl',
            Parameters: { QueueName: 'not-there' },
            Catch: [{ ErrorEquals: ['Sqs.QueueDoesNotExistException'], Next: 'Missing' }],
            End: true,
          },
          Missing: { Type: 'Pass', Result: 'missing', End: true },
        },
      });
      const d = await run(arn);
      expect(d).toMatchObject({ status: 'SUCCEEDED', output: '"missing"' });
      const failure = await failureOf(d.executionArn!);
      expect(failure).toMatchObject({
        error: 'Sqs.QueueDoesNotExistException',
        resource: 'getQueueUrl',
        resourceType: 'aws-sdk:sqs',
      });
      expect(failure.cause).toMatch(/\(Service: Sqs, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/);
    });

    it('run in Express executions too (the gateway calls the services in-process)', async () => {
      const QueueUrl = await queue('express-target');
      const arn = await machine(
        'express-send',
        {
          StartAt: 'Send',
          States: {
            Send: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage',
              Parameters: { QueueUrl, 'MessageBody.$': '$.text' },
              End: true,
            },
          },
        },
        'EXPRESS',
      );
      const sync = await sfn.send(
        new StartSyncExecutionCommand({ stateMachineArn: arn, input: '{"text":"quick"}' }),
      );
      expect(sync.status).toBe('SUCCEEDED');
      expect((await receiveOne(QueueUrl)).Body).toBe('quick');
    });
  });

  describe('http:invoke', () => {
    let api: Server;
    let apiUrl = '';
    let events: EventBridgeClient;
    let connectionArn = '';
    /** What the API saw, and how many calls it refuses with a 503 before it answers. */
    const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
    let unavailable = 0;

    beforeAll(async () => {
      api = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString('utf8')));
        req.on('end', () => {
          seen.push({ method: req.method, url: req.url, headers: req.headers, body });
          if (req.headers['x-api-key'] !== 'sesame') return res.writeHead(403).end('no key');
          if (unavailable > 0) {
            unavailable--;
            return res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
          }
          res
            .writeHead(201, { 'content-type': 'application/json', 'x-order': 'o-9' })
            .end(JSON.stringify({ created: JSON.parse(body || 'null'), path: req.url }));
        });
      });
      await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
      apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
      events = eventBridgeClient(server);
      ({ ConnectionArn: connectionArn } = (await events.send(
        new CreateConnectionCommand({
          Name: 'orders-api',
          AuthorizationType: 'API_KEY',
          AuthParameters: {
            ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'sesame' },
            InvocationHttpParameters: { HeaderParameters: [{ Key: 'x-tenant', Value: 'acme' }] },
          },
        }),
      )) as { ConnectionArn: string });
    });
    afterAll(async () => {
      events?.destroy();
      await new Promise((resolve) => api?.close(resolve));
    });

    const httpTask = (extra: object = {}) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::http:invoke',
      Parameters: {
        'ApiEndpoint.$': "States.Format('{}/orders', $.base)",
        Method: 'POST',
        Authentication: { ConnectionArn: connectionArn },
        Headers: { 'x-request': 'r-1' },
        QueryParameters: { priority: 'high' },
        RequestBody: { 'item.$': '$.item' },
      },
      End: true,
      ...extra,
    });

    it('calls the API through a connection with its key, retrying a 503 as Retry says', async () => {
      unavailable = 2;
      seen.length = 0;
      const arn = await machine('http-call', {
        StartAt: 'Call',
        States: {
          Call: httpTask({
            Retry: [
              {
                ErrorEquals: ['States.Http.StatusCode.503'],
                IntervalSeconds: 1,
                BackoffRate: 1,
                MaxAttempts: 3,
              },
            ],
          }),
        },
      });
      const d = await run(arn, { base: apiUrl, item: 'book' });
      expect(d.status).toBe('SUCCEEDED');
      expect(seen).toHaveLength(3);
      expect(seen[2]).toMatchObject({
        method: 'POST',
        url: '/orders?priority=high',
        body: '{"item":"book"}',
      });
      expect(seen[2].headers).toMatchObject({
        'x-api-key': 'sesame',
        'x-tenant': 'acme',
        'x-request': 'r-1',
        'content-type': 'application/json; charset=UTF-8',
      });
      const output = JSON.parse(d.output!) as Record<string, any>;
      expect(output).toMatchObject({
        StatusCode: 201,
        StatusText: 'Created',
        ResponseBody: { created: { item: 'book' }, path: '/orders?priority=high' },
      });
      expect(output.Headers['x-order']).toEqual(['o-9']);
    });

    it('fails with States.Http.StatusCode.<code> when the API refuses', async () => {
      unavailable = 5;
      const arn = await machine('http-unavailable', { StartAt: 'Call', States: { Call: httpTask() } });
      const d = await run(arn, { base: apiUrl, item: 'x' });
      expect(d).toMatchObject({ status: 'FAILED', error: 'States.Http.StatusCode.503' });
      expect(JSON.parse(d.cause!)).toMatchObject({ StatusCode: 503, ResponseBody: 'busy' });
      unavailable = 0;
    });

    it('names a connection that does not exist', async () => {
      const arn = await machine('http-no-connection', {
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:states:::http:invoke',
            Parameters: {
              ApiEndpoint: `${apiUrl}/x`,
              Method: 'GET',
              Authentication: { ConnectionArn: connectionArn.replace('orders-api', 'nothing') },
            },
            End: true,
          },
        },
      });
      const d = await run(arn);
      expect(d).toMatchObject({ status: 'FAILED', error: 'Events.ConnectionResource.ResourceNotFound' });
    });

    it("shows TestState's TRACE the request and response, the connection's secrets masked", async () => {
      const traced = await sfn.send(
        new TestStateCommand({
          definition: JSON.stringify(httpTask()),
          roleArn: ROLE,
          input: JSON.stringify({ base: apiUrl, item: 'pen' }),
          inspectionLevel: 'TRACE',
        }),
      );
      expect(traced.status).toBe('SUCCEEDED');
      const { request, response } = traced.inspectionData!;
      expect(request).toMatchObject({
        method: 'POST',
        url: `${apiUrl}/orders?priority=high`,
        body: '{"item":"pen"}',
      });
      expect(JSON.parse(request!.headers!)).toMatchObject({ 'x-api-key': '********', 'x-request': 'r-1' });
      expect(response).toMatchObject({ statusCode: '201', statusMessage: 'Created' });
      const revealed = await sfn.send(
        new TestStateCommand({
          definition: JSON.stringify(httpTask()),
          roleArn: ROLE,
          input: JSON.stringify({ base: apiUrl, item: 'pen' }),
          inspectionLevel: 'TRACE',
          revealSecrets: true,
        }),
      );
      expect(JSON.parse(revealed.inspectionData!.request!.headers!)['x-api-key']).toBe('sesame');
    });
  });
});
