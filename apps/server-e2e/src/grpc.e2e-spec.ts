import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type Client, credentials, loadPackageDefinition, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { SwitchyardGrpcClient, SwitchyardGrpcError } from '@switchyard/grpc-client';
import { ServerProcess } from './test-support/server-process';
import { freePort, testRedisUrl, useTestServer } from './test-support/test-server';

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';
const ROOT = join(__dirname, '..', '..', '..');

/** What a failed call threw, as a SwitchyardGrpcError. */
async function failure(call: Promise<unknown>): Promise<SwitchyardGrpcError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SwitchyardGrpcError))
    throw new Error(`expected a SwitchyardGrpcError, got ${error}`);
  return error;
}

/**
 * A server reflection client (grpc.reflection.v1, as grpcurl speaks it): the services a server lists,
 * and the file descriptors that define a symbol.
 */
class ReflectionClient {
  private readonly stub: Client & { ServerReflectionInfo(): any };

  constructor(address: string) {
    const root = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');
    const definition = loadSync('grpc/reflection/v1/reflection.proto', {
      includeDirs: [root],
      keepCase: true,
      longs: Number,
      enums: String,
      oneofs: true,
    });
    const loaded = loadPackageDefinition(definition) as any;
    this.stub = new loaded.grpc.reflection.v1.ServerReflection(address, credentials.createInsecure());
  }

  private ask(request: object): Promise<any> {
    return new Promise((resolve, reject) => {
      const stream = this.stub.ServerReflectionInfo();
      stream.once('data', (response: unknown) => {
        resolve(response);
        stream.end();
      });
      stream.once('error', reject);
      stream.write(request);
    });
  }

  async services(): Promise<string[]> {
    const answer = await this.ask({ list_services: '' });
    return answer.list_services_response.service.map((s: { name: string }) => s.name).sort();
  }

  async filesDefining(symbol: string): Promise<Buffer[]> {
    const answer = await this.ask({ file_containing_symbol: symbol });
    if (answer.error_response) throw new Error(answer.error_response.error_message);
    return answer.file_descriptor_response.file_descriptor_proto;
  }

  close(): void {
    this.stub.close();
  }
}

/** The string fields at the top level of an encoded message (a FileDescriptorProto: 1 name, 2 package). */
function stringFields(message: Buffer): Map<number, string> {
  const fields = new Map<number, string>();
  const varint = (at: number): [number, number] => {
    let value = 0;
    for (let shift = 0; ; shift += 7, at++) {
      value += (message[at] & 0x7f) * 2 ** shift;
      if (message[at] < 0x80) return [value, at + 1];
    }
  };
  for (let at = 0; at < message.length;) {
    const [key, next] = varint(at);
    const [field, wire] = [Math.floor(key / 8), key % 8];
    if (wire !== 2) break;
    const [length, start] = varint(next);
    if (!fields.has(field)) fields.set(field, message.subarray(start, start + length).toString('utf8'));
    at = start + length;
  }
  return fields;
}

describe('the gRPC faces', () => {
  const env = useTestServer();
  let client: SwitchyardGrpcClient;
  let address: string;
  const name = (what: string) => `grpc-${what}-${randomUUID().slice(0, 8)}`;

  beforeAll(() => {
    address = `127.0.0.1:${env.server.running.grpcPort}`;
    client = new SwitchyardGrpcClient(address);
  });
  afterAll(() => client.close());

  it('drive a queue: create, send, receive and delete a message, with binary attributes as bytes', async () => {
    const { QueueUrl } = await client.sqs.createQueue({ QueueName: name('queue') });
    expect(QueueUrl).toContain('/000000000000/grpc-queue-');
    const sent = await client.sqs.sendMessage({
      QueueUrl: QueueUrl!,
      MessageBody: 'hello over gRPC',
      DelaySeconds: 0,
      MessageAttributes: {
        Raw: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 254]).toString('base64') },
      },
    });
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('hello over gRPC').digest('hex'));
    const received = await client.sqs.receiveMessage({
      QueueUrl: QueueUrl!,
      MessageAttributeNames: ['All'],
      WaitTimeSeconds: 1,
    });
    expect(received.Messages).toHaveLength(1);
    const [message] = received.Messages!;
    expect(message.Body).toBe('hello over gRPC');
    expect(message.MessageId).toBe(sent.MessageId);
    expect(Buffer.from(message.MessageAttributes!.Raw.BinaryValue!, 'base64')).toEqual(
      Buffer.from([0, 1, 254]),
    );
    await expect(
      client.sqs.deleteMessage({ QueueUrl: QueueUrl!, ReceiptHandle: message.ReceiptHandle! }),
    ).resolves.toBeUndefined();
    const attributes = await client.sqs.getQueueAttributes({
      QueueUrl: QueueUrl!,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    });
    expect(attributes.Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('drive a topic: subscribe a queue with raw delivery, publish, and receive it from the queue', async () => {
    const { QueueUrl } = await client.sqs.createQueue({ QueueName: name('inbox') });
    const { Attributes } = await client.sqs.getQueueAttributes({
      QueueUrl: QueueUrl!,
      AttributeNames: ['QueueArn'],
    });
    const { TopicArn } = await client.sns.createTopic({ Name: name('topic') });
    expect(TopicArn).toMatch(/^arn:aws:sns:us-east-1:000000000000:grpc-topic-/);
    const { SubscriptionArn } = await client.sns.subscribe({
      TopicArn: TopicArn!,
      Protocol: 'sqs',
      Endpoint: Attributes!.QueueArn,
      Attributes: { RawMessageDelivery: 'true' },
      ReturnSubscriptionArn: true,
    });
    expect(SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:`));
    const { MessageId } = await client.sns.publish({ TopicArn: TopicArn!, Message: 'fanned out over gRPC' });
    expect(MessageId).toBeDefined();
    const deadline = Date.now() + 15_000;
    let bodies: string[] = [];
    while (!bodies.length && Date.now() < deadline) {
      const { Messages } = await client.sqs.receiveMessage({ QueueUrl: QueueUrl!, WaitTimeSeconds: 1 });
      bodies = (Messages ?? []).map((m) => m.Body!);
    }
    expect(bodies).toEqual(['fanned out over gRPC']);
  });

  it('drive a workflow: create a state machine of Pass states, start it, and describe it until it succeeds', async () => {
    const definition = {
      StartAt: 'Greet',
      States: {
        Greet: {
          Type: 'Pass',
          Parameters: { 'greeting.$': "States.Format('hello {}', $.who)" },
          Next: 'Done',
        },
        Done: { Type: 'Pass', Result: 'over gRPC', ResultPath: '$.how', End: true },
      },
    };
    const { stateMachineArn, creationDate } = await client.states.createStateMachine({
      name: name('machine'),
      definition: JSON.stringify(definition),
      roleArn: ROLE,
    });
    // Timestamps travel as seconds since the epoch.
    expect(Math.abs(creationDate - Date.now() / 1000)).toBeLessThan(60);
    const { executionArn, startDate } = await client.states.startExecution({
      stateMachineArn,
      input: JSON.stringify({ who: 'world' }),
    });
    expect(typeof startDate).toBe('number');
    const deadline = Date.now() + 20_000;
    let described = await client.states.describeExecution({ executionArn });
    while (described.status === 'RUNNING' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      described = await client.states.describeExecution({ executionArn });
    }
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({ greeting: 'hello world', how: 'over gRPC' });
    expect(described.stopDate).toBeGreaterThanOrEqual(described.startDate);
    const machine = await client.states.describeStateMachine({ stateMachineArn });
    expect(JSON.parse(machine.definition)).toEqual(definition);
  });

  it('take Dates for timestamps and put events on the bus', async () => {
    const { FailedEntryCount, Entries } = await client.events.putEvents({
      Entries: [
        { Source: 'grpc.test', DetailType: 'greeting', Detail: '{"hello":"world"}', Time: new Date() },
      ],
    });
    expect(FailedEntryCount).toBe(0);
    expect(Entries![0].EventId).toBeDefined();
  });

  it('answer a missing queue NOT_FOUND, with the AWS code and message the SQS HTTP API answers', async () => {
    const missing = name('missing');
    const error = await failure(client.sqs.getQueueUrl({ QueueName: missing }));
    const http = await fetch(env.server.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.GetQueueUrl', 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({ QueueName: missing }),
    });
    const answer = (await http.json()) as { __type: string; message: string };
    expect(http.status).toBe(400);
    expect(error.status).toBe(status.NOT_FOUND);
    expect(error.code).toBe(answer.__type.split('#')[1]);
    expect(error.code).toBe('QueueDoesNotExist');
    expect(error.message).toBe(answer.message);
    expect(error.metadata.get('aws-error-code')).toEqual(['QueueDoesNotExist']);
    expect(error.metadata.get('aws-error-message')).toEqual([answer.message]);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answer a value AWS refuses INVALID_ARGUMENT, worded as over HTTP', async () => {
    const error = await failure(client.sqs.createQueue({ QueueName: 'not a queue name!' }));
    expect(error.status).toBe(status.INVALID_ARGUMENT);
    expect(error.code).toBe('InvalidParameterValue');
    const missing = await failure(client.sqs.sendMessage({ QueueUrl: 'http://localhost/1/q' } as never));
    expect(missing.status).toBe(status.INVALID_ARGUMENT);
    expect(missing.code).toBe('MissingParameter');
    expect(missing.message).toBe('The request must contain the parameter MessageBody.');
  });

  it('are counted in the request metrics as HTTP requests are', async () => {
    const count = async (labels: string) => {
      const text = await (await fetch(`${env.server.url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`switchyard_requests_total{${labels}}`));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const sent = 'service="EventBridge",operation="PutEvents",status="2xx"';
    const missing = 'service="SQS",operation="GetQueueUrl",status="4xx"';
    const before = [await count(sent), await count(missing)];
    await client.events.putEvents({ Entries: [{ Source: 'grpc.test', DetailType: 'x', Detail: '{}' }] });
    await failure(client.sqs.getQueueUrl({ QueueName: name('uncounted') }));
    expect([await count(sent), await count(missing)]).toEqual([before[0] + 1, before[1] + 1]);
  });

  it('list the four services through server reflection, with the files that define them', async () => {
    const reflection = new ReflectionClient(address);
    try {
      expect((await reflection.services()).filter((s) => s.startsWith('switchyard.'))).toEqual([
        'switchyard.events.v1.EventBridge',
        'switchyard.sns.v1.SNS',
        'switchyard.sqs.v1.SQS',
        'switchyard.states.v1.SFN',
      ]);
      const files = await reflection.filesDefining('switchyard.sqs.v1.SQS');
      expect(files.map((f) => stringFields(f).get(2))).toContain('switchyard.sqs.v1');
      expect(Buffer.concat(files).toString('latin1')).toContain('SendMessageRequest');
    } finally {
      reflection.close();
    }
  });

  it("run the README's client example", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const grpcSection = readme.slice(readme.indexOf('\n## gRPC\n'));
    const example = /```ts\n([\s\S]*?)```/.exec(grpcSection)![1];
    const file = join(ROOT, 'tmp', `readme-grpc-${process.pid}.ts`);
    // The example is a module with top-level await; run as CommonJS, it goes in an async function.
    const [imports, ...body] = example.replace('localhost:50051', address).split('\n\n');
    writeFileSync(file, `${imports}\n\nvoid (async () => {\n${body.join('\n\n')}\n})();\n`);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', file], {
        cwd: ROOT,
      });
      expect(stdout.trim().split('\n')).toEqual(['{"id":1}', 'QueueDoesNotExist 5']);
    } finally {
      rmSync(file, { force: true });
    }
  });

  describe('on a queue gateway', () => {
    let gateway: ServerProcess;
    let gatewayClient: SwitchyardGrpcClient;

    beforeAll(async () => {
      gateway = new ServerProcess(await freePort(), testRedisUrl(), name('gw'), {}, 'queue-gateway');
      await gateway.start();
      gatewayClient = new SwitchyardGrpcClient(`127.0.0.1:${gateway.grpcPort}`);
    });
    afterAll(async () => {
      gatewayClient?.close();
      await gateway?.kill('SIGTERM');
    });

    it('serve SQS alone', async () => {
      const reflection = new ReflectionClient(`127.0.0.1:${gateway.grpcPort}`);
      try {
        expect((await reflection.services()).filter((s) => s.startsWith('switchyard.'))).toEqual([
          'switchyard.sqs.v1.SQS',
        ]);
      } finally {
        reflection.close();
      }
      await expect(gatewayClient.sqs.listQueues({ QueueNamePrefix: 'none-such' })).resolves.toEqual({});
      const error = await failure(gatewayClient.sns.listTopics({}));
      expect(error.status).toBe(status.UNIMPLEMENTED);
    });
  });
});
