import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-sns';
import { Sns, type StructShape } from '@switchyard/aws-wire';
import { FUZZ_TIMEOUT, fuzzQueryRequests, shapeValues } from './test-support/shape-fuzz';
import { useTestServer } from './test-support/test-server';

/**
 * Every SNS operation of the model (query/XML, SNS's only protocol), fed inputs that are well-formed
 * for its shape but carry arbitrary values: each answer is a 200 or an AWS client error, never a 5xx,
 * and a topic the requests cannot name keeps its attributes and tags.
 */
describe('SNS under arbitrary well-formed requests', () => {
  const env = useTestServer();
  const { sns } = env;
  const topics: string[] = [];
  let canary = '';
  let canaryAttributes: Record<string, string> = {};
  let operations: { name: string; input: StructShape }[] = [];

  beforeAll(async () => {
    // DeleteTopic is left out: one early success would turn every later request into NotFound.
    operations = Object.entries(Sns.SNS_WIRE.model.operations)
      .filter(([name]) => name !== 'DeleteTopic')
      .map(([name, op]) => ({ name, input: op.input }));
    for (const [Name, Attributes] of [
      ['fuzz-plain', {}],
      ['fuzz.fifo', { FifoTopic: 'true' }],
    ] as const) {
      topics.push((await sns.send(new CreateTopicCommand({ Name, Attributes }))).TopicArn!);
    }
    topics.push('arn:aws:sns:us-east-1:000000000000:fuzz-missing');
    canary = (
      await sns.send(
        new CreateTopicCommand({
          Name: 'canary-never-named',
          Attributes: { DisplayName: 'Canary' },
          Tags: [{ Key: 'keep', Value: 'me' }],
        }),
      )
    ).TopicArn!;
    canaryAttributes = (await sns.send(new GetTopicAttributesCommand({ TopicArn: canary }))).Attributes!;
  });

  const words = [
    '',
    ' ',
    'DisplayName',
    'Policy',
    'DeliveryPolicy',
    'EffectiveDeliveryPolicy',
    'SignatureVersion',
    'TracingConfig',
    'KmsMasterKeyId',
    'MaximumMessageSize',
    'FifoTopic',
    'ContentBasedDeduplication',
    'FifoThroughputScope',
    'ArchivePolicy',
    'TopicArn',
    'Owner',
    'RawMessageDelivery',
    'FilterPolicy',
    'FilterPolicyScope',
    'RedrivePolicy',
    'sqs',
    'http',
    'https',
    'email',
    'lambda',
    'Topic',
    'MessageGroup',
    'Active',
    'PassThrough',
    'true',
    'false',
    '0',
    '-1',
    '1',
    '2',
    '3',
    '1024',
    '262144',
    '1048576',
    '1048577',
    '99999999999999999999',
    '%zz',
    'arn:aws:sns:us-east-1:000000000000:',
    'arn:aws:sns:us-east-1:000000000000:fuzz-plain:00000000-0000-0000-0000-000000000000',
    'arn:aws:sqs:us-east-1:000000000000:q',
    'a'.repeat(257),
    '\u0000',
    '\uD800',
    'é漢字😀',
    '{}',
    '[]',
    'null',
    '{"http":{"defaultHealthyRetryPolicy":{"numRetries":-1}}}',
    '{"Version":"2012-10-17","Statement":[]}',
  ];
  const { strings, valuesFor } = shapeValues({
    words,
    pool: () => topics,
    realByMember: () => ({ TopicArn: topics, ResourceArn: topics }),
  });

  it(
    'answers query/XML requests with a 200 or an AWS client error, stray parameters and all',
    () =>
      fuzzQueryRequests({
        url: env.server.url,
        version: '2010-03-31',
        operations,
        values: { strings, valuesFor },
        strayNames: ['Attributes.entry.1.key', 'Tags.member.1.Key', 'TopicArn', 'Name', 'AttributeName'],
        seed: 20261206,
      }),
    FUZZ_TIMEOUT,
  );

  it('leaves a topic the requests never named as it was', async () => {
    expect((await sns.send(new GetTopicAttributesCommand({ TopicArn: canary }))).Attributes).toEqual(
      canaryAttributes,
    );
    expect((await sns.send(new ListTagsForResourceCommand({ ResourceArn: canary }))).Tags).toEqual([
      { Key: 'keep', Value: 'me' },
    ]);
  });
});
