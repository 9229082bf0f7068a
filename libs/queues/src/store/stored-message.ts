import type { Sqs } from '@switchyard/aws-wire';

/** A message as it rests in Redis: immutable once sent, except for the fields a redrive adds. */
export interface StoredMessage {
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes?: Record<string, Sqs.MessageAttributeValue>;
  readonly sentAt: number;
  readonly senderId: string;
  readonly traceHeader?: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  /** FIFO sequence number, added by the store when the message is accepted. */
  readonly sequence?: number;
  /** Set when a redrive moved the message to a dead-letter queue. */
  readonly deadLetterSourceArn?: string;
}

/** AWS shows FIFO sequence numbers as large decimal strings; ours count up from 10^19 + 1 per queue. */
export function formatSequenceNumber(sequence: number): string {
  return (10_000_000_000_000_000_000n + BigInt(sequence)).toString();
}

/**
 * Serialises a message for the bodies hash: the JSON of `message`, written field by field because this
 * runs for every message sent and the generic serialiser costs twice as much. The FIFO send script
 * appends `sequence` before the closing brace.
 */
export function encodeMessage(message: StoredMessage): string {
  let json = `{"body":${JSON.stringify(message.body)},"md5OfBody":"${message.md5OfBody}","sentAt":${message.sentAt},"senderId":${JSON.stringify(message.senderId)}`;
  if (message.attributes !== undefined) json += `,"attributes":${JSON.stringify(message.attributes)}`;
  if (message.traceHeader !== undefined) json += `,"traceHeader":${JSON.stringify(message.traceHeader)}`;
  if (message.groupId !== undefined) json += `,"groupId":${JSON.stringify(message.groupId)}`;
  if (message.deduplicationId !== undefined)
    json += `,"deduplicationId":${JSON.stringify(message.deduplicationId)}`;
  if (message.sequence !== undefined) json += `,"sequence":${message.sequence}`;
  if (message.deadLetterSourceArn !== undefined)
    json += `,"deadLetterSourceArn":${JSON.stringify(message.deadLetterSourceArn)}`;
  return `${json}}`;
}

/**
 * A message's system attributes by the names ReceiveMessage gives them, those it has (a message never
 * received has no ApproximateFirstReceiveTimestamp).
 */
export function systemAttributesOf(
  stored: StoredMessage,
  receiveCount: number,
  firstReceivedAt: number | undefined,
): Record<string, string | undefined> {
  return {
    SenderId: stored.senderId,
    SentTimestamp: String(stored.sentAt),
    ApproximateReceiveCount: String(receiveCount),
    ApproximateFirstReceiveTimestamp: firstReceivedAt === undefined ? undefined : String(firstReceivedAt),
    AWSTraceHeader: stored.traceHeader,
    DeadLetterQueueSourceArn: stored.deadLetterSourceArn,
    MessageGroupId: stored.groupId,
    MessageDeduplicationId: stored.deduplicationId,
    SequenceNumber: stored.sequence === undefined ? undefined : formatSequenceNumber(stored.sequence),
  };
}

export function decodeMessage(encoded: string): StoredMessage {
  return JSON.parse(encoded) as StoredMessage;
}
