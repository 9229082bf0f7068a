import type { PublishedMessage } from './published-message';
import { type SubscriptionRef, subscriptionArn, topicArnOf } from './subscription';
import { isFifoTopic } from './topic-ref';

/** The envelope of a notification as SNS writes it into SQS queues and HTTP bodies, field by field. */
export interface NotificationEnvelope {
  readonly Type: 'Notification';
  readonly MessageId: string;
  readonly SequenceNumber?: string;
  readonly TopicArn: string;
  readonly Subject?: string;
  readonly Message: string;
  readonly Timestamp: string;
  readonly SignatureVersion?: string;
  readonly Signature?: string;
  readonly SigningCertURL?: string;
  readonly UnsubscribeURL: string;
  readonly MessageAttributes?: Record<string, { Type: string; Value: string }>;
}

/** A subscription or unsubscribe confirmation as SNS sends it to an HTTP/S endpoint, field by field. */
export interface SignedMessage {
  readonly Type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  readonly MessageId: string;
  readonly Token: string;
  readonly TopicArn: string;
  readonly Message: string;
  readonly SubscribeURL: string;
  readonly Timestamp: string;
  readonly SignatureVersion?: string;
  readonly Signature?: string;
  readonly SigningCertURL?: string;
}

/** The text a protocol's subscribers get: its own entry of a MessageStructure json message, or the default. */
export function messageFor(message: PublishedMessage, protocol: string): string {
  return message.perProtocol?.[protocol] ?? message.message;
}

/**
 * The notification envelope for one subscription, in AWS's field order: Subject and
 * MessageAttributes only when present; FIFO topics add SequenceNumber and send no signature fields.
 * `signature` is filled in by the caller for standard topics.
 */
export function notificationEnvelope(
  ref: SubscriptionRef,
  protocol: string,
  message: PublishedMessage,
  publicUrl: string,
  signature?: { version: string; value: string; certUrl: string },
): NotificationEnvelope {
  const fifo = isFifoTopic(ref.topic);
  const attributes = Object.keys(message.attributes).length ? message.attributes : undefined;
  return {
    Type: 'Notification',
    MessageId: message.id,
    ...(fifo && message.sequenceNumber ? { SequenceNumber: message.sequenceNumber } : {}),
    TopicArn: topicArnOf(ref),
    ...(message.subject !== undefined ? { Subject: message.subject } : {}),
    Message: messageFor(message, protocol),
    Timestamp: message.timestamp,
    ...(!fifo && signature
      ? { SignatureVersion: signature.version, Signature: signature.value, SigningCertURL: signature.certUrl }
      : {}),
    UnsubscribeURL: `${publicUrl}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn(ref)}`,
    ...(attributes ? { MessageAttributes: attributes } : {}),
  };
}

/**
 * Writes an envelope as SNS does: one field a line, `"Name" : value`, two spaces in; message
 * attributes one a line inside their object.
 */
export function formatEnvelope(envelope: NotificationEnvelope | SignedMessage): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(envelope)) {
    if (value === undefined) continue;
    if (name === 'MessageAttributes') {
      const entries = Object.entries(value as Record<string, unknown>).map(
        ([key, attribute]) => `    ${JSON.stringify(key)} : ${JSON.stringify(attribute)}`,
      );
      lines.push(`  "MessageAttributes" : {\n${entries.join(',\n')}\n  }`);
    } else lines.push(`  ${JSON.stringify(name)} : ${JSON.stringify(value)}`);
  }
  return `{\n${lines.join(',\n')}\n}`;
}
