import { formatArn } from '@switchyard/aws-wire';
import { snsInvalidParameter } from '../errors/sns-errors';
import { parseTopicArn, type TopicRef, topicArn } from './topic-ref';

/** The protocols SNS knows; Switchyard delivers to those in SERVED_PROTOCOLS. */
export const SNS_PROTOCOLS = [
  'http',
  'https',
  'email',
  'email-json',
  'sms',
  'sqs',
  'application',
  'lambda',
  'firehose',
] as const;
export type SnsProtocol = (typeof SNS_PROTOCOLS)[number];

/** A subscription as stored: JSON in the topic's subscriptions hash (the Lua scripts read it too). */
export interface StoredSubscription {
  readonly protocol: SnsProtocol;
  readonly endpoint: string;
  readonly owner: string;
  /** Attributes set by Subscribe or SetSubscriptionAttributes, by AWS's names. */
  readonly attributes: Record<string, string>;
  /** 1 until confirmed (HTTP/S and email endpoints), else 0. */
  readonly pending: 0 | 1;
  /** The confirmation token sent to the endpoint, and when it expires (ms). */
  readonly token?: string;
  readonly tokenExpires?: number;
  /** 1 when the confirmation was authenticated (always for endpoints SNS confirms itself). */
  readonly authenticated: 0 | 1;
  readonly createdAt: number;
}

/** Where a subscription lives: its topic and its id (the last part of its ARN). */
export interface SubscriptionRef {
  readonly topic: TopicRef;
  readonly id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `arn:aws:sns:<region>:<account>:<topic>:<id>`. */
export function subscriptionArn(ref: SubscriptionRef): string {
  return formatArn('sns', ref.topic.region, ref.topic.accountId, `${ref.topic.name}:${ref.id}`);
}

/** Reads a subscription ARN given in the request parameter `param`, refusing what is not one. */
export function parseSubscriptionArn(text: string, param = 'SubscriptionArn'): SubscriptionRef {
  const cut = text.lastIndexOf(':');
  const id = text.slice(cut + 1);
  if (cut < 0 || !UUID.test(id)) throw snsInvalidParameter(`Invalid parameter: ${param}`);
  try {
    return { topic: parseTopicArn(text.slice(0, cut), param), id };
  } catch {
    throw snsInvalidParameter(`Invalid parameter: ${param}`);
  }
}

/** The subscription's topic ARN, for answers. */
export function topicArnOf(ref: SubscriptionRef): string {
  return topicArn(ref.topic);
}
