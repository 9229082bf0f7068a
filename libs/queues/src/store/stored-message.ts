import type { WireMessageAttribute } from '@switchyard/aws-wire';

/** A message as it rests in Redis: immutable once sent, except for the fields a redrive adds. */
export interface StoredMessage {
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes?: Record<string, WireMessageAttribute>;
  readonly sentAt: number;
  readonly senderId: string;
  readonly traceHeader?: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly sequenceNumber?: string;
  /** Set when a redrive moved the message to a dead-letter queue. */
  readonly deadLetterSourceArn?: string;
}

/** Serialises a message for the bodies hash. */
export function encodeMessage(message: StoredMessage): string {
  return JSON.stringify(message);
}

export function decodeMessage(encoded: string): StoredMessage {
  return JSON.parse(encoded) as StoredMessage;
}
