import { AwsError, CommonErrors } from './aws-error';
import { AwsRouter, type AwsHttpRequest, type RequestRecord } from './aws-router';
import type { AwsOperation, AwsService } from './aws-service';
import { SFN_WIRE } from './models/sfn/sfn.wire';
import { SNS_WIRE } from './models/sns/sns.wire';
import { SQS_WIRE } from './models/sqs/sqs.wire';

class NoSuchQueue extends Error {}

/** An operation that answers with the service it belongs to and the input it got. */
function echo(service: string, name: string): AwsOperation {
  return { name, handle: (input) => ({ QueueUrl: `${service}:${JSON.stringify(input)}` }) };
}

const sqs: AwsService = {
  ...SQS_WIRE,
  operations: [
    echo('sqs', 'AddPermission'),
    echo('sqs', 'GetQueueUrl'),
    {
      name: 'DeleteQueue',
      handle: () => {
        throw new NoSuchQueue();
      },
    },
    { name: 'PurgeQueue', handle: () => Promise.reject(new Error('bug')) },
  ],
  mapError: (e) =>
    e instanceof NoSuchQueue ? new AwsError(SQS_WIRE.model.errors.QueueDoesNotExist, 'gone') : undefined,
  hooks: {
    completeInput: (input, request) => {
      if (input.QueueUrl === undefined && request.path !== '/') input.QueueUrl = request.path;
    },
    ownsQueryRequest: (request, params) => request.path !== '/' || params.has('QueueUrl'),
  },
};
const sns: AwsService = {
  ...SNS_WIRE,
  operations: [echo('sns', 'AddPermission')],
  hooks: { ownsQueryRequest: (_request, params) => params.has('TopicArn') },
};

function setUp() {
  const records: RequestRecord[] = [];
  const router = new AwsRouter({
    accountId: '000000000000',
    region: 'us-east-1',
    credentials: new Map(),
    now: () => Date.now(),
    onRequest: (r) => records.push(r),
  });
  router.register(sqs);
  router.register(sns);
  return { router, records };
}

function query(body: string, path = '/', headers: Record<string, string> = {}): AwsHttpRequest {
  return {
    method: 'POST',
    path,
    rawQuery: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: Buffer.from(body),
  };
}

describe('AwsRouter', () => {
  it('routes unsigned query requests an Action shared by services to the service whose hook claims them', async () => {
    const { router } = setUp();
    const permission = 'Label=l&AWSAccountId.1=111122223333&ActionName.1=SendMessage';
    const toQueue = await router.handle(query(`Action=AddPermission&${permission}`, '/000000000000/q'));
    expect(toQueue.body).toContain(
      '<AddPermissionResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">',
    );
    const toTopic = await router.handle(
      query('Action=AddPermission&TopicArn=arn&Label=l&AWSAccountId.member.1=1&ActionName.member.1=Publish'),
    );
    expect(toTopic.body).toContain(
      '<AddPermissionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">',
    );
    const ambiguous = await router.handle(query(`Action=AddPermission&${permission}`));
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body).toContain('<Code>InvalidAction</Code>');
  });

  it('routes signed query requests by the credential scope', async () => {
    const { router } = setUp();
    const signed = (service: string) =>
      query(
        'Action=AddPermission&TopicArn=arn&Label=l&AWSAccountId.member.1=1&ActionName.member.1=Publish',
        '/',
        {
          authorization: `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
        },
      );
    expect((await router.handle(signed('sns'))).body).toContain(
      '<AddPermissionResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">',
    );
    const asQueue = await router.handle(signed('sqs'));
    expect([asQueue.status, asQueue.body]).toEqual([400, expect.stringContaining('MissingParameter')]);
  });

  it('completes the input through the service hook before validating it', async () => {
    const { router } = setUp();
    const res = await router.handle({
      method: 'POST',
      path: '/000000000000/q',
      rawQuery: '',
      headers: { 'x-amz-target': 'AmazonSQS.GetQueueUrl', 'content-type': 'application/x-amz-json-1.0' },
      body: Buffer.from('{"QueueName":"q"}'),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ QueueUrl: 'sqs:{"QueueName":"q","QueueUrl":"/000000000000/q"}' });
  });

  it("maps a service's domain errors once, answers anything else with InternalFailure, and tells the observer", async () => {
    const { router, records } = setUp();
    const json = (op: string, body: string): AwsHttpRequest => ({
      method: 'POST',
      path: '/',
      rawQuery: '',
      headers: { 'x-amz-target': `AmazonSQS.${op}` },
      body: Buffer.from(body),
    });
    const missing = await router.handle(json('DeleteQueue', '{"QueueUrl":"q"}'));
    expect([missing.status, JSON.parse(missing.body).__type, missing.headers['x-amzn-query-error']]).toEqual([
      400,
      'com.amazonaws.sqs#QueueDoesNotExist',
      'AWS.SimpleQueueService.NonExistentQueue;Sender',
    ]);
    const bug = await router.handle(json('PurgeQueue', '{"QueueUrl":"q"}'));
    expect([bug.status, JSON.parse(bug.body).__type]).toEqual([500, 'com.amazonaws.sqs#InternalFailure']);
    const invalid = await router.handle(json('DeleteQueue', '{}'));
    expect(JSON.parse(invalid.body).__type).toBe(`com.amazonaws.sqs#${CommonErrors.MissingParameter.code}`);
    expect(records.map((r) => [r.service, r.operation, r.status, r.errorCode])).toEqual([
      ['SQS', 'DeleteQueue', 400, 'QueueDoesNotExist'],
      ['SQS', 'PurgeQueue', 500, 'InternalFailure'],
      ['SQS', 'DeleteQueue', 400, 'MissingParameter'],
    ]);
    expect(records[1].internalError).toEqual(new Error('bug'));
  });

  it('calls a bad signature InvalidSignatureException for JSON-only services, SignatureDoesNotMatch for SQS', async () => {
    const router = new AwsRouter({
      accountId: '000000000000',
      region: 'us-east-1',
      credentials: new Map([['AKID', 'secret']]),
      now: () => Date.UTC(2026, 0, 1),
    });
    router.register(sqs);
    router.register({
      ...SFN_WIRE,
      operations: [{ name: 'ListActivities', handle: () => ({ activities: [] }) }],
    });
    const forged = (target: string, service: string): AwsHttpRequest => ({
      method: 'POST',
      path: '/',
      rawQuery: '',
      headers: {
        'x-amz-target': target,
        'x-amz-date': '20260101T000000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
      },
      body: Buffer.from('{}'),
    });
    const sfn = await router.handle(forged('AWSStepFunctions.ListActivities', 'states'));
    expect([sfn.status, JSON.parse(sfn.body).__type]).toEqual([
      403,
      'com.amazonaws.sfn#InvalidSignatureException',
    ]);
    const queue = await router.handle(forged('AmazonSQS.ListQueues', 'sqs'));
    expect([queue.status, JSON.parse(queue.body).__type]).toEqual([
      403,
      'com.amazonaws.sqs#SignatureDoesNotMatch',
    ]);
    const wrongService = await router.handle(forged('AWSStepFunctions.ListActivities', 'sqs'));
    expect(JSON.parse(wrongService.body).message).toBe(
      "Credential should be scoped to correct service: 'states'. ",
    );
  });

  it('answers an unknown JSON target the same way whatever service it names, as AWS does', async () => {
    const { router } = setUp();
    const call = async (target: string) => {
      const res = await router.handle({
        method: 'POST',
        path: '/',
        rawQuery: '',
        headers: { 'x-amz-target': target },
        body: Buffer.from('{}'),
      });
      return [res.status, JSON.parse(res.body).__type];
    };
    for (const target of ['AmazonSQS.Frobnicate', 'AmazonSNS.Publish', 'Nobody.Anything', 'NoDot']) {
      expect(await call(target)).toEqual([400, 'com.amazon.coral.service#UnknownOperationException']);
    }
  });

  it('refuses to register an operation its model does not have', () => {
    const { router } = setUp();
    expect(() => router.register({ ...SQS_WIRE, operations: [echo('x', 'Frobnicate')] })).toThrow(
      /Frobnicate/,
    );
  });

  describe('in-process calls', () => {
    it('check the input as a JSON request would and answer the output as JSON writes it', async () => {
      const { router } = setUp();
      const answer = await router.call('sqs', 'GetQueueUrl', { QueueName: 'q' });
      expect(answer.output).toEqual({ QueueUrl: 'sqs:{"QueueName":"q"}' });
      expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
      await expect(router.call('sqs', 'GetQueueUrl', {})).rejects.toMatchObject({
        code: 'MissingParameter',
      });
      await expect(router.call('sqs', 'GetQueueUrl', { QueueName: 3 })).rejects.toMatchObject({
        code: 'SerializationException',
      });
    });

    it('reach services the router does not serve to requests', async () => {
      const router = new AwsRouter({
        accountId: '000000000000',
        region: 'us-east-1',
        credentials: new Map(),
        now: () => Date.now(),
        served: ['sns'],
      });
      router.register(sqs);
      router.register(sns);
      const request = await router.handle(query('Action=GetQueueUrl&QueueName=q', '/', {}));
      expect(request.body).toContain('InvalidAction');
      expect((await router.call('sqs', 'GetQueueUrl', { QueueName: 'q' })).output.QueueUrl).toBe(
        'sqs:{"QueueName":"q"}',
      );
      expect(() => router.register(sqs)).toThrow(/registered already/);
    });

    it("map a service's domain errors as its requests are mapped, and name unknown operations", async () => {
      const { router, records } = setUp();
      await expect(router.call('sqs', 'DeleteQueue', { QueueUrl: 'u' })).rejects.toMatchObject({
        code: 'QueueDoesNotExist',
        message: 'gone',
      });
      await expect(router.call('sqs', 'PurgeQueue', { QueueUrl: 'u' })).rejects.toThrow('bug');
      await expect(router.call('sqs', 'SendMessage', {})).rejects.toMatchObject({
        code: 'UnknownOperationException',
      });
      await expect(router.call('events', 'PutEvents', {})).rejects.toThrow(/no service events/);
      // In-process calls are not requests: the observer (metrics, logs) hears nothing of them.
      expect(records).toEqual([]);
    });
  });
});
