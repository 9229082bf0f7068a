import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { useTestServer } from './test-support/test-server';

const ACCOUNT = '000000000000';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

describe('SNS subscriptions through @aws-sdk/client-sns', () => {
  const env = useTestServer({ SWITCHYARD_FILTER_POLICIES_PER_TOPIC: '2' });
  const { sns } = env;
  const topic = async (Name: string, Attributes?: Record<string, string>) =>
    (await sns.send(new CreateTopicCommand({ Name, Attributes }))).TopicArn!;
  const subscribe = (TopicArn: string, Protocol: string, Endpoint: string, extra: object = {}) =>
    sns.send(new SubscribeCommand({ TopicArn, Protocol, Endpoint, ...extra }));
  const attributes = async (SubscriptionArn: string) =>
    (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes!;
  const topicCounts = async (TopicArn: string) => {
    const a = (await sns.send(new GetTopicAttributesCommand({ TopicArn }))).Attributes!;
    return [a.SubscriptionsConfirmed, a.SubscriptionsPending, a.SubscriptionsDeleted];
  };

  it("subscribes a queue at once, with AWS's attributes, idempotently", async () => {
    const t = await topic('subs-sqs');
    const { SubscriptionArn } = await subscribe(t, 'sqs', queueArn('q1'), {
      Attributes: { RawMessageDelivery: 'true' },
    });
    expect(SubscriptionArn).toMatch(new RegExp(`^${t}:[0-9a-f-]{36}$`));
    expect(await attributes(SubscriptionArn!)).toEqual({
      ConfirmationWasAuthenticated: 'true',
      Endpoint: queueArn('q1'),
      Owner: ACCOUNT,
      PendingConfirmation: 'false',
      Protocol: 'sqs',
      RawMessageDelivery: 'true',
      SubscriptionArn,
      SubscriptionPrincipal: `arn:aws:iam::${ACCOUNT}:root`,
      TopicArn: t,
    });
    expect((await subscribe(t, 'sqs', queueArn('q1'))).SubscriptionArn).toBe(SubscriptionArn);
    await expect(
      subscribe(t, 'sqs', queueArn('q1'), { Attributes: { RawMessageDelivery: 'false' } }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Attributes Reason: Subscription already exists with different attributes',
    });
    expect(await topicCounts(t)).toEqual(['1', '0', '0']);
  });

  it('keeps HTTP endpoints pending until ConfirmSubscription, and lists them as PendingConfirmation', async () => {
    const t = await topic('subs-http');
    expect((await subscribe(t, 'http', 'http://127.0.0.1:9/hook')).SubscriptionArn).toBe(
      'pending confirmation',
    );
    const { SubscriptionArn } = await subscribe(t, 'http', 'http://127.0.0.1:9/hook', {
      ReturnSubscriptionArn: true,
    });
    const attrs = await attributes(SubscriptionArn!);
    expect(attrs).toMatchObject({
      PendingConfirmation: 'true',
      ConfirmationWasAuthenticated: 'false',
      RawMessageDelivery: 'false',
    });
    expect(JSON.parse(attrs.EffectiveDeliveryPolicy).http.defaultHealthyRetryPolicy.numRetries).toBe(3);
    expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: t }))).Subscriptions).toEqual([
      {
        SubscriptionArn: 'PendingConfirmation',
        Owner: ACCOUNT,
        Protocol: 'http',
        Endpoint: 'http://127.0.0.1:9/hook',
        TopicArn: t,
      },
    ]);
    expect(await topicCounts(t)).toEqual(['0', '1', '0']);
    await expect(
      sns.send(new ConfirmSubscriptionCommand({ TopicArn: t, Token: 'not-a-token' })),
    ).rejects.toMatchObject({
      message: 'Invalid parameter: Token',
    });
  });

  it('validates protocols, endpoints and attributes as SNS does', async () => {
    const t = await topic('subs-bad');
    const cases: [string, string, object, string][] = [
      [
        'test-protocol',
        'x',
        {},
        'Invalid parameter: Amazon SNS does not support this protocol string: test-protocol',
      ],
      ['sqs', 'not-an-arn', {}, 'Invalid parameter: SQS endpoint ARN'],
      [
        'sqs',
        queueArn('q.fifo'),
        {},
        'Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics',
      ],
      ['lambda', 'arn:aws:sqs:us-east-1:000000000000:q', {}, 'Invalid parameter: Lambda endpoint ARN'],
      [
        'sqs',
        queueArn('q'),
        { Attributes: { RawMessageDelivery: 'wrongvalue' } },
        'Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [wrongvalue]. Must be true or false.',
      ],
      [
        'sqs',
        queueArn('q'),
        { Attributes: { Nope: 'x' } },
        'Invalid parameter: Attributes Reason: AttributeName',
      ],
      [
        'sqs',
        queueArn('q'),
        { Attributes: { FilterPolicy: '{' } },
        'Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON.',
      ],
    ];
    for (const [protocol, endpoint, extra, message] of cases) {
      await expect(subscribe(t, protocol, endpoint, extra)).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message,
      });
    }
    await expect(subscribe(`${t}-missing`, 'sqs', queueArn('q'))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    expect(await topicCounts(t)).toEqual(['0', '0', '0']);
  });

  it('sets and removes attributes, with the filter-policy quota per topic', async () => {
    const t = await topic('subs-set');
    const arns: string[] = [];
    for (const q of ['a', 'b', 'c'])
      arns.push((await subscribe(t, 'sqs', queueArn(`set-${q}`))).SubscriptionArn!);
    const set = (SubscriptionArn: string, AttributeName: string, AttributeValue: string) =>
      sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName, AttributeValue }));
    const policy = JSON.stringify({ color: ['red'] });
    await set(arns[0], 'FilterPolicy', policy);
    expect(await attributes(arns[0])).toMatchObject({
      FilterPolicy: policy,
      FilterPolicyScope: 'MessageAttributes',
    });
    await set(arns[0], 'FilterPolicyScope', 'MessageBody');
    await set(arns[1], 'FilterPolicy', policy);
    await expect(set(arns[2], 'FilterPolicy', policy)).rejects.toMatchObject({
      name: 'FilterPolicyLimitExceededException',
    });
    await set(arns[1], 'FilterPolicy', '');
    await set(arns[2], 'FilterPolicy', policy);
    await expect(set(arns[0], 'RawMessageDelivery', 'test-ValUe')).rejects.toMatchObject({
      message: 'Invalid parameter: RawMessageDelivery: Invalid value [test-ValUe]. Must be true or false.',
    });
    await expect(set(arns[0], 'FakeAttribute', 'x')).rejects.toMatchObject({
      message: 'Invalid parameter: AttributeName',
    });
    await expect(
      set(arns[0], 'RedrivePolicy', JSON.stringify({ deadLetterTargetArn: 'nope' })),
    ).rejects.toMatchObject({
      message: 'Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn',
    });
  });

  it('unsubscribes (twice harmlessly), counts the deletion and answers NotFound afterwards', async () => {
    const t = await topic('subs-unsub');
    const { SubscriptionArn } = await subscribe(t, 'sqs', queueArn('u'));
    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    expect(await topicCounts(t)).toEqual(['0', '0', '1']);
    await expect(attributes(SubscriptionArn!)).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'Subscription does not exist',
    });
    await expect(sns.send(new UnsubscribeCommand({ SubscriptionArn: 'garbage' }))).rejects.toMatchObject({
      message: 'Invalid parameter: SubscriptionArn',
    });
  });

  it('lists subscriptions across topics, and forgets those of a deleted topic', async () => {
    const t1 = await topic('subs-list-1');
    const t2 = await topic('subs-list-2');
    const s1 = (await subscribe(t1, 'sqs', queueArn('l1'))).SubscriptionArn!;
    const s2 = (await subscribe(t2, 'sqs', queueArn('l2'))).SubscriptionArn!;
    const all = async () => {
      const arns: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await sns.send(new ListSubscriptionsCommand({ NextToken }));
        arns.push(...page.Subscriptions!.map((s) => s.SubscriptionArn!));
        NextToken = page.NextToken;
      } while (NextToken);
      return arns;
    };
    expect(await all()).toEqual(expect.arrayContaining([s1, s2]));
    await sns.send(new DeleteTopicCommand({ TopicArn: t1 }));
    const after = await all();
    expect(after).toContain(s2);
    expect(after).not.toContain(s1);
  });
});
