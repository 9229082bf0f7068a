import {
  AddPermissionCommand,
  CreateTopicCommand,
  GetDataProtectionPolicyCommand,
  PutDataProtectionPolicyCommand,
  RemovePermissionCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  SetTopicAttributesCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { useTestServer } from './test-support/test-server';

const ACCOUNT = '000000000000';
const arn = (name: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;

describe('SNS topics through @aws-sdk/client-sns', () => {
  const env = useTestServer();
  const { sns } = env;
  const create = async (
    Name: string,
    Attributes?: Record<string, string>,
    Tags?: { Key: string; Value: string }[],
  ) => (await sns.send(new CreateTopicCommand({ Name, Attributes, Tags }))).TopicArn!;
  const attributes = async (TopicArn: string) =>
    (await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes!;

  it("creates a topic with AWS's default attributes, lists it and deletes it", async () => {
    const topic = await create('orders');
    expect(topic).toBe(arn('orders'));
    const attrs = await attributes(topic);
    expect(attrs).toEqual({
      DisplayName: '',
      Owner: ACCOUNT,
      Policy: expect.any(String),
      EffectiveDeliveryPolicy: expect.any(String),
      SubscriptionsConfirmed: '0',
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
      TopicArn: topic,
    });
    expect(JSON.parse(attrs.Policy)).toMatchObject({
      Version: '2008-10-17',
      Id: '__default_policy_ID',
      Statement: [{ Resource: topic, Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } } }],
    });
    expect(JSON.parse(attrs.EffectiveDeliveryPolicy)).toEqual({
      http: {
        defaultHealthyRetryPolicy: {
          minDelayTarget: 20,
          maxDelayTarget: 20,
          numRetries: 3,
          numMaxDelayRetries: 0,
          numNoDelayRetries: 0,
          numMinDelayRetries: 0,
          backoffFunction: 'linear',
        },
        disableSubscriptionOverrides: false,
        defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
      },
    });
    expect((await sns.send(new ListTopicsCommand({}))).Topics).toContainEqual({ TopicArn: topic });
    await sns.send(new DeleteTopicCommand({ TopicArn: topic }));
    await sns.send(new DeleteTopicCommand({ TopicArn: topic })); // deleting again succeeds, as on AWS
    expect((await sns.send(new ListTopicsCommand({}))).Topics).not.toContainEqual({ TopicArn: topic });
    await expect(attributes(topic)).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'Topic does not exist',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('is idempotent for the same attributes and tags, and refuses different ones', async () => {
    const tags = [{ Key: 'team', Value: 'a' }];
    const topic = await create('idem', { DisplayName: 'Idem' }, tags);
    expect(await create('idem', { DisplayName: 'Idem' }, tags)).toBe(topic);
    expect(await create('idem')).toBe(topic);
    await expect(create('idem', { DisplayName: 'Other' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
    });
    await expect(create('idem', undefined, [{ Key: 'team', Value: 'b' }])).rejects.toMatchObject({
      message: 'Invalid parameter: Tags Reason: Topic already exists with different tags',
    });
  });

  it('refuses bad names, and FIFO names without FifoTopic', async () => {
    for (const name of ['has space', 'x'.repeat(257), 'dot.ted', 'plain.fifo']) {
      await expect(create(name)).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: 'Invalid parameter: Topic Name',
        $metadata: { httpStatusCode: 400 },
      });
    }
    await expect(create('no-suffix', { FifoTopic: 'true' })).rejects.toMatchObject({
      message: expect.stringContaining('Fifo Topic names must end with .fifo'),
    });
  });

  it('creates FIFO topics with their defaults and FIFO-only attributes', async () => {
    const topic = await create('events.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    expect(await attributes(topic)).toMatchObject({
      FifoTopic: 'true',
      ContentBasedDeduplication: 'true',
      FifoThroughputScope: 'Topic',
    });
    await sns.send(
      new SetTopicAttributesCommand({
        TopicArn: topic,
        AttributeName: 'FifoThroughputScope',
        AttributeValue: 'MessageGroup',
      }),
    );
    expect((await attributes(topic)).FifoThroughputScope).toBe('MessageGroup');
    await expect(create('std', { ContentBasedDeduplication: 'true' })).rejects.toMatchObject({
      message: 'Invalid parameter: Attributes Reason: Unknown attribute ContentBasedDeduplication',
    });
  });

  it('sets attributes one at a time and resets a defaulted one with an empty value', async () => {
    const topic = await create('settable');
    const set = (AttributeName: string, AttributeValue: string) =>
      sns.send(new SetTopicAttributesCommand({ TopicArn: topic, AttributeName, AttributeValue }));
    await set('DisplayName', 'Shown');
    await set('SignatureVersion', '2');
    await set('DeliveryPolicy', JSON.stringify({ http: { disableSubscriptionOverrides: true } }));
    const attrs = await attributes(topic);
    expect(attrs).toMatchObject({ DisplayName: 'Shown', SignatureVersion: '2' });
    expect(JSON.parse(attrs.EffectiveDeliveryPolicy).http.disableSubscriptionOverrides).toBe(true);
    await set('SignatureVersion', '');
    expect((await attributes(topic)).SignatureVersion).toBeUndefined();
    await expect(set('Nope', 'x')).rejects.toMatchObject({ message: 'Invalid parameter: AttributeName' });
    await expect(set('FifoTopic', 'true')).rejects.toMatchObject({
      message: 'Invalid parameter: AttributeName',
    });
    await expect(set('SignatureVersion', '3')).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      sns.send(
        new SetTopicAttributesCommand({
          TopicArn: arn('missing'),
          AttributeName: 'DisplayName',
          AttributeValue: 'x',
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it("answers malformed topic ARNs in SNS's words", async () => {
    await expect(attributes('not-an-arn')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1',
    });
  });

  it('tags, untags and lists tags; a missing topic is a missing resource', async () => {
    const topic = await create('tagged');
    await sns.send(
      new TagResourceCommand({
        ResourceArn: topic,
        Tags: [
          { Key: 'k2', Value: 'v2' },
          { Key: 'k1', Value: 'v1' },
        ],
      }),
    );
    expect((await sns.send(new ListTagsForResourceCommand({ ResourceArn: topic }))).Tags).toEqual([
      { Key: 'k1', Value: 'v1' },
      { Key: 'k2', Value: 'v2' },
    ]);
    await sns.send(new UntagResourceCommand({ ResourceArn: topic, TagKeys: ['k1', 'absent'] }));
    expect((await sns.send(new ListTagsForResourceCommand({ ResourceArn: topic }))).Tags).toEqual([
      { Key: 'k2', Value: 'v2' },
    ]);
    await expect(
      sns.send(
        new TagResourceCommand({
          ResourceArn: topic,
          Tags: [
            { Key: 'd', Value: '1' },
            { Key: 'd', Value: '2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ message: 'Invalid parameter: Duplicated keys are not allowed.' });
    await expect(
      sns.send(new ListTagsForResourceCommand({ ResourceArn: arn('gone') })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Resource does not exist',
    });
  });

  it('pages ListTopics 100 at a time', async () => {
    for (let i = 0; i < 105; i++) await create(`page-${String(i).padStart(3, '0')}`);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await sns.send(new ListTopicsCommand({ NextToken }));
      expect(page.Topics!.length).toBeLessThanOrEqual(100);
      seen.push(...page.Topics!.map((t) => t.TopicArn!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen.filter((a) => a.includes(':page-'))).toHaveLength(105);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('adds and removes permission statements in the topic policy', async () => {
    const topic = await create('permitted');
    await sns.send(
      new AddPermissionCommand({
        TopicArn: topic,
        Label: 'pub',
        AWSAccountId: ['111122223333'],
        ActionName: ['Publish'],
      }),
    );
    const policy = JSON.parse((await attributes(topic)).Policy);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['__default_statement_ID', 'pub']);
    expect(policy.Statement[1]).toEqual({
      Sid: 'pub',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: ['SNS:Publish'],
      Resource: topic,
    });
    await expect(
      sns.send(
        new AddPermissionCommand({
          TopicArn: topic,
          Label: 'pub',
          AWSAccountId: ['111122223333'],
          ActionName: ['Publish'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await sns.send(new RemovePermissionCommand({ TopicArn: topic, Label: 'pub' }));
    expect(JSON.parse((await attributes(topic)).Policy).Statement).toHaveLength(1);
  });

  it('keeps a data protection policy, put or given at creation', async () => {
    const document = JSON.stringify({ Name: 'p', Version: '2021-06-01', Statement: [] });
    const topic = await create('protected');
    expect(
      (await sns.send(new GetDataProtectionPolicyCommand({ ResourceArn: topic }))).DataProtectionPolicy,
    ).toBe('');
    await sns.send(
      new PutDataProtectionPolicyCommand({ ResourceArn: topic, DataProtectionPolicy: document }),
    );
    expect(
      (await sns.send(new GetDataProtectionPolicyCommand({ ResourceArn: topic }))).DataProtectionPolicy,
    ).toBe(document);
    expect(await attributes(topic)).not.toHaveProperty('DataProtectionPolicy');
    const created = (
      await sns.send(new CreateTopicCommand({ Name: 'protected-at-birth', DataProtectionPolicy: document }))
    ).TopicArn!;
    expect(
      (await sns.send(new GetDataProtectionPolicyCommand({ ResourceArn: created }))).DataProtectionPolicy,
    ).toBe(document);
    await expect(
      sns.send(new PutDataProtectionPolicyCommand({ ResourceArn: topic, DataProtectionPolicy: 'not json' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  describe('with quotas lowered', () => {
    const small = useTestServer({ SWITCHYARD_TOPIC_LIMIT: '3', SWITCHYARD_FIFO_TOPIC_LIMIT: '1' });
    it('refuses a topic past the account quota, and a FIFO topic past the FIFO quota, yet answers existing ones', async () => {
      const make = (Name: string, Attributes?: Record<string, string>) =>
        small.sns.send(new CreateTopicCommand({ Name, Attributes }));
      await make('q1.fifo', { FifoTopic: 'true' });
      await expect(make('q2.fifo', { FifoTopic: 'true' })).rejects.toMatchObject({
        name: 'TopicLimitExceededException',
      });
      await make('q-std-1');
      await make('q-std-2');
      await expect(make('q-std-3')).rejects.toMatchObject({
        name: 'TopicLimitExceededException',
        message: 'Topic limit exceeded',
      });
      expect((await make('q-std-1')).TopicArn).toMatch(/:q-std-1$/);
    });
  });
});
