import { parseArn } from '@switchyard/aws-wire';
import { compileFilterPolicy, FilterPolicyError, type FilterPolicyScope } from '@switchyard/filter-policy';
import {
  type StoredSubscription,
  type SubscriptionRef,
  subscriptionArn,
  topicArnOf,
} from '../domain/subscription';
import { subscriptionDeliveryPolicyProblem } from '../domain/delivery-policy';
import { isFifoTopic } from '../domain/topic-ref';
import { snsInvalidParameter } from '../errors/sns-errors';
import { effectiveDeliveryPolicy } from './topic-attributes';

/** Protocols whose subscriptions may deliver raw messages. */
const RAW_PROTOCOLS = new Set(['sqs', 'http', 'https', 'firehose']);

/**
 * How SNS words a refused subscription attribute: Subscribe puts the reason under "Attributes", while
 * SetSubscriptionAttributes names it directly.
 */
export type AttributeCall = 'Subscribe' | 'SetSubscriptionAttributes';

function refused(call: AttributeCall, reason: string) {
  return snsInvalidParameter(
    call === 'Subscribe' ? `Invalid parameter: Attributes Reason: ${reason}` : `Invalid parameter: ${reason}`,
  );
}

function parseJson(call: AttributeCall, name: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw refused(call, `${name}: failed to parse JSON.`);
  }
}

/**
 * Checks one subscription attribute as SNS does (name known for the protocol, value valid), given the
 * attributes it will sit with (for FilterPolicyScope, which applies to the FilterPolicy).
 */
export function checkSubscriptionAttribute(
  call: AttributeCall,
  protocol: string,
  name: string,
  value: string,
  others: Record<string, string>,
): void {
  switch (name) {
    case 'RawMessageDelivery':
      if (!RAW_PROTOCOLS.has(protocol)) break;
      if (value !== 'true' && value !== 'false')
        throw refused(call, `RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
      return;
    case 'FilterPolicy':
    case 'FilterPolicyScope': {
      const policy = name === 'FilterPolicy' ? value : others.FilterPolicy;
      const scope = (
        name === 'FilterPolicyScope' ? value : (others.FilterPolicyScope ?? 'MessageAttributes')
      ) as FilterPolicyScope;
      if (name === 'FilterPolicyScope' && value !== 'MessageAttributes' && value !== 'MessageBody')
        throw refused(
          call,
          `FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`,
        );
      if (policy === undefined || policy === '') return;
      try {
        compileFilterPolicy(policy, scope);
      } catch (e) {
        if (e instanceof FilterPolicyError) throw refused(call, e.reason);
        throw e;
      }
      return;
    }
    case 'RedrivePolicy': {
      if (value === '') return;
      const policy = parseJson(call, 'RedrivePolicy', value) as { deadLetterTargetArn?: unknown } | null;
      const target = policy && typeof policy === 'object' ? policy.deadLetterTargetArn : undefined;
      const arn = typeof target === 'string' ? parseArn(target) : undefined;
      if (!arn || arn.service !== 'sqs')
        throw refused(call, 'RedrivePolicy: deadLetterTargetArn is an invalid arn');
      return;
    }
    case 'DeliveryPolicy': {
      if (protocol !== 'http' && protocol !== 'https') break;
      const problem = value === '' ? undefined : subscriptionDeliveryPolicyProblem(value);
      if (problem) throw refused(call, `DeliveryPolicy: ${problem}`);
      return;
    }
    case 'SubscriptionRoleArn':
      if (protocol !== 'firehose') break;
      return;
    case 'ReplayPolicy':
      parseJson(call, 'ReplayPolicy', value);
      return;
  }
  throw refused(call, 'AttributeName');
}

/** Every attribute GetSubscriptionAttributes answers: what was set, over AWS's defaults. */
export function subscriptionAttributes(
  ref: SubscriptionRef,
  sub: StoredSubscription,
): Record<string, string> {
  const out: Record<string, string> = {
    ...sub.attributes,
    ConfirmationWasAuthenticated: sub.authenticated === 1 ? 'true' : 'false',
    Endpoint: sub.endpoint,
    Owner: sub.owner,
    PendingConfirmation: sub.pending === 1 ? 'true' : 'false',
    Protocol: sub.protocol,
    SubscriptionArn: subscriptionArn(ref),
    SubscriptionPrincipal: `arn:aws:iam::${sub.owner}:root`,
    TopicArn: topicArnOf(ref),
  };
  if (RAW_PROTOCOLS.has(sub.protocol)) out.RawMessageDelivery = sub.attributes.RawMessageDelivery ?? 'false';
  if (sub.attributes.FilterPolicy)
    out.FilterPolicyScope = sub.attributes.FilterPolicyScope ?? 'MessageAttributes';
  if (sub.protocol === 'http' || sub.protocol === 'https')
    out.EffectiveDeliveryPolicy = effectiveDeliveryPolicy(sub.attributes.DeliveryPolicy);
  if (isFifoTopic(ref.topic)) delete out.EffectiveDeliveryPolicy;
  return out;
}
