import { topicDeliveryPolicyProblem } from '../domain/delivery-policy';
import { isFifoTopic, type TopicRef, topicArn } from '../domain/topic-ref';
import { snsInvalidParameter } from '../errors/sns-errors';
import type { StoredTopic } from '../store/topic.store';

/** The largest message a topic may be set to accept (1 MiB); the default is 256 KiB. */
export const MAX_MESSAGE_SIZE_LIMIT = 1_048_576;
export const DEFAULT_MAX_MESSAGE_SIZE = 262_144;

/** A settable topic attribute: whether only FIFO topics have it, and how its value is checked. */
interface AttributeRule {
  readonly fifoOnly?: boolean;
  /** Only CreateTopic may give it. */
  readonly createOnly?: boolean;
  /** Returns the reason a value is refused, or undefined. */
  readonly check?: (value: string) => string | undefined;
}

const oneOf =
  (...allowed: string[]) =>
  (value: string) =>
    allowed.includes(value) ? undefined : `${value} is not one of ${allowed.join(', ')}`;

const jsonObject = (value: string) => {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? undefined
      : 'must be a JSON object';
  } catch {
    return 'failed to parse JSON';
  }
};

/** Attributes a client may set, by AWS's names (SNS API reference, CreateTopic and SetTopicAttributes). */
const RULES: Readonly<Record<string, AttributeRule>> = {
  DisplayName: { check: (v) => (v.length > 100 ? 'must be at most 100 characters' : undefined) },
  Policy: { check: jsonObject },
  DeliveryPolicy: { check: topicDeliveryPolicyProblem },
  SignatureVersion: { check: oneOf('1', '2') },
  TracingConfig: { check: oneOf('PassThrough', 'Active') },
  KmsMasterKeyId: {},
  MaximumMessageSize: {
    check: (v) =>
      /^\d+$/.test(v) && Number(v) >= 1024 && Number(v) <= MAX_MESSAGE_SIZE_LIMIT
        ? undefined
        : `must be an integer from 1024 to ${MAX_MESSAGE_SIZE_LIMIT}`,
  },
  FifoTopic: { createOnly: true, check: oneOf('true', 'false') },
  ContentBasedDeduplication: { fifoOnly: true, check: oneOf('true', 'false') },
  FifoThroughputScope: { fifoOnly: true, check: oneOf('Topic', 'MessageGroup') },
  ArchivePolicy: { fifoOnly: true, check: jsonObject },
};

/** Attributes whose empty value in SetTopicAttributes removes them, so that their default shows again. */
const RESETTABLE = new Set([
  'Policy',
  'DeliveryPolicy',
  'SignatureVersion',
  'TracingConfig',
  'KmsMasterKeyId',
  'MaximumMessageSize',
  'ArchivePolicy',
]);

/**
 * Checks the attributes CreateTopic was given for a topic (FIFO or not) and returns those to store
 * (FifoTopic itself is implied by the name). Refuses what AWS refuses, in SNS's words.
 */
export function creationAttributes(topic: TopicRef, given: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, givenValue] of Object.entries(given)) {
    // A query request can name an attribute and give it no value.
    const value = givenValue ?? '';
    const rule = Object.prototype.hasOwnProperty.call(RULES, name) ? RULES[name] : undefined;
    if (!rule || (rule.fifoOnly && !isFifoTopic(topic)))
      throw snsInvalidParameter(`Invalid parameter: Attributes Reason: Unknown attribute ${name}`);
    const reason = rule.check?.(value);
    if (reason) throw snsInvalidParameter(`Invalid parameter: Attributes Reason: ${name}: ${reason}`);
    if (name !== 'FifoTopic') out[name] = value;
  }
  return out;
}

/** Checks one SetTopicAttributes change; returns whether an empty value removes the attribute. */
export function checkAttributeChange(
  topic: TopicRef,
  name: string,
  value: string,
): { emptyRemoves: boolean } {
  const rule = Object.prototype.hasOwnProperty.call(RULES, name) ? RULES[name] : undefined;
  if (!rule || rule.createOnly || (rule.fifoOnly && !isFifoTopic(topic)))
    throw snsInvalidParameter('Invalid parameter: AttributeName');
  const emptyRemoves = RESETTABLE.has(name) && value === '';
  const reason = emptyRemoves ? undefined : rule.check?.(value);
  if (reason) throw snsInvalidParameter(`Invalid parameter: ${name} Reason: ${reason}`);
  return { emptyRemoves };
}

/** The policy a topic has until one is set: the owner's account may do everything. */
export function defaultTopicPolicy(topic: TopicRef): string {
  const arn = topicArn(topic);
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': topic.accountId } },
      },
    ],
  });
}

/** The HTTP/S delivery policy every topic has unless its DeliveryPolicy overrides parts of it. */
export const DEFAULT_HTTP_DELIVERY_POLICY = {
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
};

/** EffectiveDeliveryPolicy: the default HTTP/S policy with what the topic's DeliveryPolicy sets over it. */
export function effectiveDeliveryPolicy(deliveryPolicy: string | undefined): string {
  let http: Record<string, unknown> = { ...DEFAULT_HTTP_DELIVERY_POLICY };
  if (deliveryPolicy) {
    const set = (JSON.parse(deliveryPolicy) as { http?: Record<string, unknown> }).http;
    if (set) http = { ...http, ...set };
  }
  return JSON.stringify({ http });
}

/** Every attribute GetTopicAttributes answers: what was set, over AWS's defaults and the counts. */
export function topicAttributes(topic: TopicRef, stored: StoredTopic): Record<string, string> {
  const set = stored.attributes;
  const { DataProtectionPolicy: _dataProtection, ...shown } = set;
  const out: Record<string, string> = {
    ...shown,
    DisplayName: set.DisplayName ?? '',
    Owner: topic.accountId,
    Policy: set.Policy ?? defaultTopicPolicy(topic),
    EffectiveDeliveryPolicy: effectiveDeliveryPolicy(set.DeliveryPolicy),
    SubscriptionsConfirmed: String(stored.subscriptions.confirmed),
    SubscriptionsPending: String(stored.subscriptions.pending),
    SubscriptionsDeleted: String(stored.subscriptions.deleted),
    TopicArn: topicArn(topic),
  };
  if (isFifoTopic(topic)) {
    out.FifoTopic = 'true';
    out.ContentBasedDeduplication = set.ContentBasedDeduplication ?? 'false';
    out.FifoThroughputScope = set.FifoThroughputScope ?? 'Topic';
  }
  return out;
}
