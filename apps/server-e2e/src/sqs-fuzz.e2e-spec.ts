import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { Sqs, type StructShape } from '@switchyard/aws-wire';
import fc from 'fast-check';
import {
  expectClientAnswer,
  FUZZ_RUNS,
  FUZZ_TIMEOUT,
  fuzzQueryRequests,
  fuzzSeed,
  shapeValues,
} from './test-support/shape-fuzz';
import { useTestServer } from './test-support/test-server';

/**
 * Every SQS operation, in both protocols, fed inputs that are well-formed for its shape but carry
 * arbitrary values (valid, borderline and absurd): each answer is a 200 or an AWS client error, never a
 * 5xx, and a queue the requests cannot name keeps its messages.
 */
describe('SQS under arbitrary well-formed requests', () => {
  const env = useTestServer();
  const { sqs } = env;
  // Requests may name these; the canary is never named, so nothing may change it.
  const pool = {
    urls: [] as string[],
    arns: [] as string[],
    receipts: [] as string[],
    handles: [] as string[],
  };
  let canaryUrl = '';
  let operations: { name: string; input: StructShape }[] = [];

  beforeAll(async () => {
    // DeleteQueue is left out: one early success would turn every later request into QueueDoesNotExist.
    operations = Object.entries(Sqs.SQS_WIRE.model.operations)
      .filter(([name]) => name !== 'DeleteQueue')
      .map(([name, op]) => ({ name, input: op.input }));
    const dlq = await env.queue('fuzz-dlq');
    const dlqArn = `arn:aws:sqs:us-east-1:000000000000:fuzz-dlq`;
    const plain = await env.queue('fuzz-plain', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
    });
    const fifo = await env.queue('fuzz.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    pool.urls.push(dlq, plain, fifo, `${env.server.url}/000000000000/fuzz-missing`);
    pool.arns.push(
      dlqArn,
      'arn:aws:sqs:us-east-1:000000000000:fuzz-plain',
      'arn:aws:sqs:us-east-1:000000000000:fuzz.fifo',
    );
    for (const url of [dlq, plain]) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: [0, 1, 2].map((i) => ({
            Id: `m${i}`,
            MessageBody: `b${i}`,
            MessageGroupId: i === 2 ? 'g' : undefined,
          })),
        }),
      );
    }
    await sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: 'f', MessageGroupId: 'g' }));
    for (const url of [dlq, plain, fifo]) {
      const got = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 2, VisibilityTimeout: 1 }),
      );
      for (const m of got.Messages ?? []) pool.receipts.push(m.ReceiptHandle!);
    }
    const task = await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlqArn, MaxNumberOfMessagesPerSecond: 1 }),
    );
    pool.handles.push(task.TaskHandle!);
    canaryUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'canary-never-named' }))).QueueUrl!;
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: canaryUrl,
        Entries: [0, 1, 2, 3, 4].map((i) => ({ Id: `c${i}`, MessageBody: `canary-${i}` })),
      }),
    );
  });

  // Names and values worth trying. ReceiveMessageWaitTimeSeconds is left out on purpose: a queue left
  // holding a long default wait would slow every later receive of the run.
  const words = [
    '',
    ' ',
    'All',
    '.*',
    '*',
    'VisibilityTimeout',
    'RedrivePolicy',
    'RedriveAllowPolicy',
    'Policy',
    'DelaySeconds',
    'MaximumMessageSize',
    'MessageRetentionPeriod',
    'FifoQueue',
    'ContentBasedDeduplication',
    'DeduplicationScope',
    'FifoThroughputLimit',
    'KmsMasterKeyId',
    'KmsDataKeyReusePeriodSeconds',
    'SqsManagedSseEnabled',
    'QueueArn',
    'ApproximateNumberOfMessages',
    'SentTimestamp',
    'MessageGroupId',
    'AWSTraceHeader',
    'SenderId',
    'String',
    'Number',
    'Binary',
    'String.custom',
    'Number.int',
    'Binary.gz',
    'string',
    'perQueue',
    'perMessageGroupId',
    'messageGroup',
    'queue',
    'true',
    'false',
    '0',
    '-1',
    '1',
    '10',
    '61',
    '900',
    '43200',
    '43201',
    '262144',
    '1048577',
    '1209600',
    '1e3',
    '0x10',
    '99999999999999999999',
    'AAE=',
    '====',
    '%zz',
    '%',
    '%E0%A4%A',
    'http://localhost/000000000000/fuzz%zz',
    'http://localhost/000000000000/fuzz-plain%E0%A4%A',
    'SendMessage',
    'sqs:SendMessage',
    '000000000000',
    'arn:aws:sqs:us-east-1:000000000000:',
    'https://sqs.us-east-1.amazonaws.com/000000000000/fuzz-plain',
    'a'.repeat(81),
    '\u0000',
    '\uFFFE',
    '\uD800',
    'é漢字😀',
    '{}',
    '[]',
    'null',
    '{"deadLetterTargetArn":5}',
    '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:fuzz-dlq","maxReceiveCount":"x"}',
    '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:fuzz.fifo","maxReceiveCount":1}',
    '{"redrivePermission":"byQueue","sourceQueueArns":["arn:aws:sqs:us-east-1:000000000000:fuzz-plain"]}',
    '{"redrivePermission":"denyAll"}',
    '{"redrivePermission":"byQueue","sourceQueueArns":[1,2]}',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*"}]}',
  ];

  const { strings, valuesFor } = shapeValues({
    words,
    pool: () => [...pool.urls, ...pool.arns, ...pool.receipts, ...pool.handles],
    realByMember: () => ({
      QueueUrl: pool.urls,
      SourceArn: pool.arns,
      DestinationArn: pool.arns,
      ReceiptHandle: pool.receipts,
      TaskHandle: pool.handles,
    }),
    // A long poll would hold the run up for seconds: waits stay 0 or invalid.
    memberValues: { WaitTimeSeconds: fc.constantFrom(0, -1, 21, 1.5) },
  });

  function requests() {
    return fc
      .constantFrom(...operations)
      .chain((op) => fc.record({ op: fc.constant(op), input: valuesFor(op.input) }));
  }

  it(
    'answers AWS JSON requests with a 200 or an AWS client error',
    async () => {
      await fc.assert(
        fc.asyncProperty(requests(), async ({ op, input }) => {
          const body = JSON.stringify(input);
          const res = await fetch(env.server.url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${op.name}` },
            body,
          });
          await expectClientAnswer(res, `${op.name} ${body.slice(0, 300)}`);
        }),
        { numRuns: FUZZ_RUNS, seed: fuzzSeed(20261124), endOnFailure: true },
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'answers query/XML requests with a 200 or an AWS client error, stray parameters and all',
    () =>
      fuzzQueryRequests({
        url: env.server.url,
        version: '2012-11-05',
        operations,
        values: { strings, valuesFor },
        strayNames: [
          'Attribute.1.Name',
          'MessageAttribute.1.Value.DataType',
          'Tag.1.Key',
          'AttributeName.1',
          'SendMessageBatchRequestEntry.1.Id',
          'MaxNumberOfMessages',
          'QueueUrl',
        ],
        seed: 20261125,
      }),
    FUZZ_TIMEOUT,
  );

  it('leaves a queue the requests never named as it was', async () => {
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: canaryUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe('5');
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: canaryUrl, MaxNumberOfMessages: 10 }));
    expect((got.Messages ?? []).map((m) => m.Body).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `canary-${i}`));
  });
});
