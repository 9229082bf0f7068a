import type { SnsProtocol, StoredSubscription } from './subscription';

/** Above this many bytes a topic's messages can go only to SQS and Lambda subscriptions. */
export const STANDARD_MESSAGE_LIMIT = 262_144;
/** A topic that takes messages over 256 KiB may have at most this many subscriptions. */
export const MAX_LARGE_MESSAGE_SUBSCRIPTIONS = 100;
const LARGE_MESSAGE_PROTOCOLS: ReadonlySet<SnsProtocol> = new Set(['sqs', 'lambda']);

/**
 * Why a topic whose MaximumMessageSize is above 256 KiB cannot have these subscriptions (AWS allows
 * only SQS and Lambda subscribers, at most 100 of them), or undefined when it can.
 */
export function largeMessageProblem(protocols: readonly SnsProtocol[]): string | undefined {
  const other = protocols.find((p) => !LARGE_MESSAGE_PROTOCOLS.has(p));
  if (other)
    return `messages over ${STANDARD_MESSAGE_LIMIT} bytes can be delivered only to sqs and lambda subscriptions, and the topic has a ${other} subscription`;
  if (protocols.length > MAX_LARGE_MESSAGE_SUBSCRIPTIONS)
    return `a topic taking messages over ${STANDARD_MESSAGE_LIMIT} bytes may have at most ${MAX_LARGE_MESSAGE_SUBSCRIPTIONS} subscriptions`;
  return undefined;
}

/** The protocols of a topic's subscriptions. */
export function protocolsOf(subscriptions: Iterable<StoredSubscription>): SnsProtocol[] {
  return [...subscriptions].map((s) => s.protocol);
}
