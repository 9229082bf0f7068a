import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type OperationContext, parseArn, type Sns } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import {
  SNS_PROTOCOLS,
  type SnsProtocol,
  type StoredSubscription,
  subscriptionArn,
} from '../domain/subscription';
import { isFifoTopic, parseTopicArn, type TopicRef } from '../domain/topic-ref';
import { snsInvalidParameter, SnsErrors } from '../errors/sns-errors';
import { SubscriptionStore } from '../store/subscription.store';
import { TopicStore } from '../store/topic.store';
import { largeMessageProblem, protocolsOf, STANDARD_MESSAGE_LIMIT } from '../domain/large-messages';
import { endpointPolicy } from '../domain/delivery-policy';
import { HttpDeliveryQueue } from '../domain/http-delivery-queue';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import type { SnsOperation } from './sns-operation';
import { checkSubscriptionAttribute } from './subscription-attributes';

/** How long a confirmation token sent to an HTTP/S or email endpoint stays valid (AWS: 3 days). */
export const CONFIRMATION_TOKEN_TTL_MS = 3 * 24 * 3600 * 1000;

/** Protocols whose endpoints must confirm before they receive anything; the others are confirmed at once. */
const CONFIRMED_BY_ENDPOINT = new Set<SnsProtocol>(['http', 'https', 'email', 'email-json']);

/** Protocols SNS knows that Switchyard does not deliver to: refused rather than accepted and dropped. */
const NOT_SERVED = new Set<SnsProtocol>(['firehose']);

/**
 * Subscribe: an endpoint to a topic. SQS, Lambda, SMS and application endpoints are confirmed at once;
 * HTTP/S and email endpoints stay pending until they confirm ("pending confirmation" unless the
 * request asks for the ARN). Subscribing the same endpoint again answers the same subscription.
 */
@Injectable()
export class SubscribeOperation implements SnsOperation<'Subscribe'> {
  readonly name = 'Subscribe';

  constructor(
    private readonly store: SubscriptionStore,
    private readonly topics: TopicStore,
    private readonly deliveries: HttpDeliveryQueue,
    private readonly clock: Clock,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  /** A topic taking messages over 256 KiB keeps to SQS and Lambda subscribers, at most 100. */
  private async checkLargeMessages(topic: TopicRef, protocol: SnsProtocol): Promise<void> {
    const settings = await this.topics.get(topic);
    if (Number(settings.attributes.MaximumMessageSize ?? 0) <= STANDARD_MESSAGE_LIMIT) return;
    const protocols = protocolsOf((await this.store.listByTopic(topic)).values());
    const problem = largeMessageProblem([...protocols, protocol]);
    if (problem) throw snsInvalidParameter(`Invalid parameter: Protocol Reason: ${problem}`);
  }

  async handle(input: Sns.SubscribeInput, ctx: OperationContext) {
    const topic = parseTopicArn(input.TopicArn);
    const protocol = input.Protocol.toLowerCase() as SnsProtocol;
    if (!SNS_PROTOCOLS.includes(protocol))
      throw snsInvalidParameter(
        `Invalid parameter: Amazon SNS does not support this protocol string: ${input.Protocol}`,
      );
    if (NOT_SERVED.has(protocol))
      throw snsInvalidParameter(
        `Invalid parameter: Protocol Reason: ${protocol} subscriptions are not served by Switchyard`,
      );
    const endpoint = input.Endpoint ?? '';
    checkEndpoint(topic, protocol, endpoint);
    // A query request can name an attribute and give it no value: it counts as empty.
    const attributes = Object.fromEntries(
      Object.entries(input.Attributes ?? {}).map(([k, v]) => [k, v ?? '']),
    );
    for (const [name, value] of Object.entries(attributes))
      checkSubscriptionAttribute('Subscribe', protocol, name, value, attributes);
    if (
      attributes.FilterPolicy &&
      (await this.store.accountFilterPolicies(ctx.accountId)) >= this.options.maxFilterPoliciesPerAccount
    )
      throw new AwsError(SnsErrors.FilterPolicyLimitExceededException, 'Filter policy limit exceeded');
    await this.checkLargeMessages(topic, protocol);
    const pending = CONFIRMED_BY_ENDPOINT.has(protocol);
    const now = this.clock.now();
    const subscription: StoredSubscription = {
      protocol,
      endpoint,
      owner: ctx.accountId,
      attributes,
      pending: pending ? 1 : 0,
      ...(pending
        ? { token: randomBytes(64).toString('hex'), tokenExpires: now + CONFIRMATION_TOKEN_TTL_MS }
        : {}),
      authenticated: pending ? 0 : 1,
      createdAt: now,
    };
    const stored = await this.store.subscribe(
      { topic, id: randomUUID() },
      subscription,
      this.options.maxFilterPoliciesPerTopic,
    );
    if (stored.created && CONFIRMED_BY_ENDPOINT.has(protocol)) {
      const topicSettings = await this.topics.get(topic);
      await this.deliveries.enqueue([
        {
          accountId: topic.accountId,
          topicName: topic.name,
          subscriptionId: stored.id,
          type: 'SubscriptionConfirmation',
          token: subscription.token,
          policy: endpointPolicy(protocol, topicSettings.attributes.DeliveryPolicy, attributes)!,
        },
      ]);
    }
    if (stored.pending && !input.ReturnSubscriptionArn) return { SubscriptionArn: 'pending confirmation' };
    return { SubscriptionArn: subscriptionArn({ topic, id: stored.id }) };
  }
}

/** Refuses an endpoint that does not fit its protocol, or that the topic cannot deliver to, in SNS's words. */
function checkEndpoint(topic: TopicRef, protocol: SnsProtocol, endpoint: string): void {
  const arnOf = (service: string) => {
    const arn = parseArn(endpoint);
    return arn && arn.service === service ? arn : undefined;
  };
  switch (protocol) {
    case 'sqs': {
      const arn = arnOf('sqs');
      if (!arn || !arn.resource) throw snsInvalidParameter('Invalid parameter: SQS endpoint ARN');
      if (arn.resource.endsWith('.fifo') && !isFifoTopic(topic))
        throw snsInvalidParameter(
          'Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics',
        );
      return;
    }
    case 'lambda':
      if (!arnOf('lambda')?.resource.startsWith('function:'))
        throw snsInvalidParameter('Invalid parameter: Lambda endpoint ARN');
      break;
    case 'application':
      if (!arnOf('sns')?.resource.startsWith('endpoint/'))
        throw snsInvalidParameter('Invalid parameter: ApplicationEndpoint ARN');
      break;
    case 'http':
    case 'https':
      if (!endpoint.toLowerCase().startsWith(`${protocol}://`) || !URL.canParse(endpoint))
        throw snsInvalidParameter('Invalid parameter: Endpoint must match the specified protocol');
      break;
    case 'email':
    case 'email-json':
      if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw snsInvalidParameter('Invalid parameter: Email address');
      break;
    case 'sms':
      if (!/^\+?[1-9]\d{1,14}$/.test(endpoint.replace(/[\s()-]/g, '')))
        throw snsInvalidParameter(`Invalid SMS endpoint: ${endpoint}`);
      break;
  }
  if (isFifoTopic(topic))
    throw snsInvalidParameter(
      `Invalid parameter: Invalid protocol type: ${protocol} for a FIFO topic; only sqs can subscribe`,
    );
}
