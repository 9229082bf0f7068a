import { randomUUID } from 'node:crypto';
import { CreateTopicCommand, PublishCommand, type SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { ServerProcess } from './test-support/server-process';
import { createStateMachine, describeWhenEnded } from './test-support/step-functions';
import { freePort, startTestServer, type TestServer, testRedisUrl } from './test-support/test-server';

const ACCOUNT = '000000000000';

/** One sample of the Prometheus text format. */
interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** The samples of a `/metrics` page (comment lines left out). */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[key] = value;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the sample with exactly these labels, or undefined when there is none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels);
  return samples.find(
    (s) =>
      s.name === name &&
      Object.keys(s.labels).length === wanted.length &&
      wanted.every(([k, v]) => s.labels[k] === v),
  )?.value;
}

async function scrape(url: string): Promise<Sample[]> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parseMetrics(await res.text());
}

/** Scrapes until every expected value is there (the work behind some is asynchronous), then checks them. */
async function scrapeUntil(
  url: string,
  expected: [name: string, labels: Record<string, string>, value: number][],
  ms = 15_000,
): Promise<Sample[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const samples = await scrape(url);
    const actual = expected.map(([name, labels]) => valueOf(samples, name, labels));
    if (actual.every((v, i) => v === expected[i][2]) || Date.now() > deadline) {
      expect(expected.map(([name, labels], i) => [name, labels, actual[i]])).toEqual(expected);
      return samples;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('/metrics of a server', () => {
  let server: TestServer;
  let sqs: SQSClient;
  let sns: SNSClient;
  let sfn: SFNClient;

  beforeAll(async () => {
    server = await startTestServer();
    sqs = server.sqs();
    sns = server.sns();
    sfn = server.sfn();
  });
  afterAll(() => server.close());

  it('serves the process metrics and RED metrics per operation, outside the AWS API', async () => {
    const queue = (await sqs.send(new CreateQueueCommand({ QueueName: 'm-red' }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: queue, MessageBody: 'x' }));
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'm-missing' }))).rejects.toThrow(
      'The specified queue does not exist.',
    );
    // A name no service has counts as `unknown`, so clients cannot grow the label set.
    await fetch(server.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.Frobnicate' },
      body: '{}',
    });

    const samples = await scrape(server.url);
    expect(valueOf(samples, 'switchyard_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(samples, 'switchyard_nodejs_eventloop_lag_seconds')).toBeDefined();
    const send = { service: 'SQS', operation: 'SendMessage' };
    expect(valueOf(samples, 'switchyard_requests_total', { ...send, status: '2xx' })).toBe(1);
    expect(
      valueOf(samples, 'switchyard_requests_total', {
        service: 'SQS',
        operation: 'GetQueueUrl',
        status: '4xx',
      }),
    ).toBe(1);
    expect(
      valueOf(samples, 'switchyard_requests_total', { service: 'SQS', operation: 'unknown', status: '4xx' }),
    ).toBe(1);
    expect(samples.some((s) => s.labels.operation === 'Frobnicate')).toBe(false);
    expect(valueOf(samples, 'switchyard_request_duration_seconds_count', send)).toBe(1);
    expect(valueOf(samples, 'switchyard_request_duration_seconds_bucket', { ...send, le: '+Inf' })).toBe(1);
    expect(valueOf(samples, 'switchyard_request_duration_seconds_sum', send)).toBeGreaterThan(0);
    // Not an AWS request: a POST to /metrics is no SQS query request.
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it("counts a queue's sends, receives and deletes, and reads its gauges from Redis", async () => {
    const QueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'm-orders' }))).QueueUrl!;
    for (const body of ['a', 'b', 'c'])
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 60 }));
    const received = (
      await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 2, VisibilityTimeout: 60 }))
    ).Messages!;
    expect(received).toHaveLength(2);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: received[0].ReceiptHandle }));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [{ Id: '1', ReceiptHandle: received[1].ReceiptHandle }],
      }),
    );
    // A receipt handle deleted once deletes nothing more.
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: received[0].ReceiptHandle }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 60 }));

    const q = { queue: 'm-orders' };
    const samples = await scrapeUntil(server.url, [
      ['switchyard_sqs_number_of_messages_sent_total', q, 4],
      ['switchyard_sqs_number_of_messages_received_total', q, 3],
      ['switchyard_sqs_number_of_messages_deleted_total', q, 2],
      ['switchyard_sqs_approximate_number_of_messages_visible', q, 0],
      ['switchyard_sqs_approximate_number_of_messages_not_visible', q, 1],
      ['switchyard_sqs_approximate_number_of_messages_delayed', q, 1],
    ]);
    const age = valueOf(samples, 'switchyard_sqs_approximate_age_of_oldest_message_seconds', q);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
    expect(
      valueOf(samples, 'switchyard_sqs_approximate_number_of_messages_visible', { queue: 'm-red' }),
    ).toBe(1);
  });

  it('counts what a topic published, delivered, filtered out and failed to deliver', async () => {
    const TopicArn = (await sns.send(new CreateTopicCommand({ Name: 'm-alerts' }))).TopicArn!;
    const inbox = (await sqs.send(new CreateQueueCommand({ QueueName: 'm-inbox' }))).QueueUrl!;
    const subscribe = (queue: string, Attributes?: Record<string, string>) =>
      sns.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'sqs',
          Endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:${queue}`,
          Attributes,
        }),
      );
    await subscribe('m-inbox');
    await sqs.send(new CreateQueueCommand({ QueueName: 'm-blue' }));
    await subscribe('m-blue', { FilterPolicy: JSON.stringify({ color: ['blue'] }) });
    // No such queue: the delivery fails (there is no dead-letter queue, so it is dropped).
    await subscribe('m-gone');
    await sns.send(
      new PublishCommand({
        TopicArn,
        Message: 'red alert',
        MessageAttributes: { color: { DataType: 'String', StringValue: 'red' } },
      }),
    );

    const t = { topic: 'm-alerts' };
    await scrapeUntil(server.url, [
      ['switchyard_sns_number_of_messages_published_total', t, 1],
      ['switchyard_sns_number_of_notifications_delivered_total', t, 1],
      ['switchyard_sns_number_of_notifications_filtered_out_total', t, 1],
      ['switchyard_sns_number_of_notifications_failed_total', t, 1],
      // The delivery is a send to the queue.
      ['switchyard_sqs_number_of_messages_sent_total', { queue: 'm-inbox' }, 1],
    ]);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: inbox, MaxNumberOfMessages: 10 }));
    expect(got.Messages).toHaveLength(1);
  });

  it('counts the executions of a state machine as they start and end, with their times', async () => {
    const machine = await createStateMachine(sfn, 'm-flow', {
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Broken' }],
          Default: 'Done',
        },
        Broken: { Type: 'Fail', Error: 'Broken', Cause: 'asked to fail' },
        Done: { Type: 'Succeed' },
      },
    });
    const start = async (fail: boolean) =>
      (
        await sfn.send(
          new StartExecutionCommand({ stateMachineArn: machine, input: JSON.stringify({ fail }) }),
        )
      ).executionArn!;
    const [ok, broken] = await Promise.all([start(false), start(true)]);
    expect((await describeWhenEnded(sfn, ok)).status).toBe('SUCCEEDED');
    expect((await describeWhenEnded(sfn, broken)).status).toBe('FAILED');

    const m = { state_machine: 'm-flow' };
    const samples = await scrapeUntil(server.url, [
      ['switchyard_states_executions_started_total', m, 2],
      ['switchyard_states_executions_succeeded_total', m, 1],
      ['switchyard_states_executions_failed_total', m, 1],
      ['switchyard_states_execution_time_seconds_count', m, 2],
    ]);
    expect(valueOf(samples, 'switchyard_states_executions_timed_out_total', m)).toBeUndefined();
    expect(valueOf(samples, 'switchyard_states_execution_time_seconds_sum', m)).toBeGreaterThanOrEqual(0);
  });

  it('reports the backlog of every kind of work the executors do', async () => {
    const samples = await scrape(server.url);
    for (const work of ['sns-deliveries', 'workflow-steps', 'event-routing', 'event-deliveries', 'jobs'])
      expect(valueOf(samples, 'switchyard_executor_backlog', { work })).toBeGreaterThanOrEqual(0);
  });
});

describe('/metrics and logs of the apps as processes', () => {
  const keyPrefix = `t${randomUUID().slice(0, 8)}`;
  let server: ServerProcess;
  let executor: ServerProcess;

  beforeAll(async () => {
    server = new ServerProcess(await freePort(), testRedisUrl(), keyPrefix, {
      SWITCHYARD_LOG_LEVEL: 'debug',
    });
    executor = new ServerProcess(await freePort(), testRedisUrl(), keyPrefix, {}, 'executor');
    await Promise.all([server.start(), executor.start()]);
  });
  afterAll(async () => {
    await Promise.all([server?.kill('SIGTERM'), executor?.kill('SIGTERM')]);
  });

  /** A JSON request to the server's SQS API: its status, request id and body. */
  async function call(operation: string, input: object) {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${operation}` },
      body: JSON.stringify(input),
    });
    return {
      status: res.status,
      requestId: res.headers.get('x-amzn-requestid')!,
      body: (await res.json()) as Record<string, string>,
    };
  }

  /** Every line the process wrote so far, parsed (each must be JSON). */
  function logLines(process: ServerProcess): Record<string, unknown>[] {
    return process.output
      .split('\n')
      .slice(1) // the output is the tail of what was written: its first line may be cut
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('writes JSON lines, with the request id on every line logged while answering a request', async () => {
    // Lines written outside a request carry no request id.
    const listening = logLines(server).find((l) => String(l.msg).startsWith('listening on 127.0.0.1:'));
    expect(listening).toMatchObject({ level: 'info', context: 'server' });
    expect(listening).not.toHaveProperty('requestId');
    const failed = await call('GetQueueUrl', { QueueName: 'm-absent' });
    expect(failed.status).toBe(400);
    const deadline = Date.now() + 5_000;
    let lines = logLines(server);
    while (!lines.some((l) => l.requestId === failed.requestId) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      lines = logLines(server);
    }
    expect(lines.filter((l) => l.requestId === failed.requestId)).toEqual([
      {
        level: 'debug',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        requestId: failed.requestId,
        context: 'AwsRouter',
        msg: expect.stringMatching(/^SQS\.GetQueueUrl 400 QueueDoesNotExist in \d+\.\d ms$/),
      },
    ]);
    // At the default level (the executor's), no line per request, and no debug lines at all.
    expect(logLines(executor).filter((l) => l.level === 'debug')).toEqual([]);
  });
  it("serves the executor's metrics: the backlog and the queue gauges, no request has to pass", async () => {
    const created = await call('CreateQueue', { QueueName: 'm-shared' });
    expect(created.status).toBe(200);
    await call('SendMessage', { QueueUrl: created.body.QueueUrl, MessageBody: 'hello' });
    const samples = await scrapeUntil(executor.url, [
      ['switchyard_sqs_approximate_number_of_messages_visible', { queue: 'm-shared' }, 1],
    ]);
    expect(
      valueOf(samples, 'switchyard_executor_backlog', { work: 'workflow-steps' }),
    ).toBeGreaterThanOrEqual(0);
    expect(valueOf(samples, 'switchyard_process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});
