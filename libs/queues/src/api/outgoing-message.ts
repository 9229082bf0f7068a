import { hash, randomUUID } from 'node:crypto';
import {
  invalidParameter,
  md5OfBody,
  md5OfMessageAttributes,
  missingParameter,
  type OperationContext,
  type WireMessageAttribute,
} from '@switchyard/aws-wire';
import type { OutgoingMessage, SendOutcome } from '../store/queue.store';
import { encodeMessage, formatSequenceNumber } from '../store/stored-message';
import { checkMessageAttributes, checkMessageCharacters } from './message-attributes';

/** The largest message SQS accepts, whatever the queue's MaximumMessageSize. */
export const MAX_MESSAGE_BYTES = 1_048_576;

/** One message of a SendMessage or SendMessageBatch request. */
export interface SendEntry {
  MessageBody?: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, WireMessageAttribute>;
  MessageSystemAttributes?: Record<string, WireMessageAttribute>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

/** What the response reports for a stored message. */
export interface SendReceipt {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
}

export interface PreparedMessage {
  readonly outgoing: OutgoingMessage;
  readonly receipt: SendReceipt;
}

const FIFO_ID = /^[\x21-\x7e]{1,128}$/;

/** Validates one message as SQS does and encodes it for the store; throws AWS's error for bad input. */
export function prepareMessage(
  entry: SendEntry,
  ctx: OperationContext,
  now: number,
  fifo: boolean,
): PreparedMessage {
  const body = entry.MessageBody;
  if (body === undefined || body === null || body === '') throw missingParameter('MessageBody');
  checkMessageCharacters(body);
  const delay = entry.DelaySeconds;
  if (delay !== undefined && delay !== null && (!Number.isInteger(delay) || delay < 0 || delay > 900)) {
    throw invalidParameter(
      `Value ${delay} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`,
    );
  }
  const groupId = entry.MessageGroupId;
  const deduplicationId = entry.MessageDeduplicationId;
  if (fifo) {
    if (delay) {
      throw invalidParameter(
        `Value ${delay} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
      );
    }
    if (groupId === undefined || groupId === null || groupId === '') throw missingParameter('MessageGroupId');
    if (
      deduplicationId !== undefined &&
      (typeof deduplicationId !== 'string' || !FIFO_ID.test(deduplicationId))
    ) {
      throw invalidParameter(
        `Value ${String(deduplicationId)} for parameter MessageDeduplicationId is invalid. Reason: MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
      );
    }
  } else if (deduplicationId !== undefined) {
    throw invalidParameter(
      'The request include parameter MessageDeduplicationId that is not valid for this queue type.',
    );
  }
  if (groupId !== undefined && (typeof groupId !== 'string' || !FIFO_ID.test(groupId))) {
    throw invalidParameter(
      `Value ${String(groupId)} for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
  const attributesSize = checkMessageAttributes(entry.MessageAttributes);
  const traceHeader = readTraceHeader(entry.MessageSystemAttributes);
  const size = Buffer.byteLength(body, 'utf8') + attributesSize;
  if (size > MAX_MESSAGE_BYTES) {
    throw invalidParameter(
      `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`,
    );
  }
  const attributes =
    entry.MessageAttributes && Object.keys(entry.MessageAttributes).length
      ? entry.MessageAttributes
      : undefined;
  const id = randomUUID();
  const md5 = md5OfBody(body);
  const contentHash = fifo && deduplicationId === undefined ? hash('sha256', body, 'hex') : undefined;
  const encoded = encodeMessage({
    body,
    md5OfBody: md5,
    attributes,
    sentAt: now,
    senderId: ctx.accessKeyId ?? ctx.accountId,
    traceHeader,
    groupId,
    deduplicationId: deduplicationId ?? contentHash,
  });
  return {
    outgoing: { id, delaySeconds: delay ?? undefined, size, groupId, deduplicationId, contentHash, encoded },
    receipt: {
      MessageId: id,
      MD5OfMessageBody: md5,
      MD5OfMessageAttributes: md5OfMessageAttributes(attributes),
      MD5OfMessageSystemAttributes:
        traceHeader === undefined ? undefined : md5OfMessageAttributes(entry.MessageSystemAttributes),
    },
  };
}

function readTraceHeader(system: Record<string, WireMessageAttribute> | undefined): string | undefined {
  if (!system) return undefined;
  for (const [name, value] of Object.entries(system)) {
    if (name !== 'AWSTraceHeader')
      throw invalidParameter(`Message system attribute name '${name}' is invalid.`);
    if (value?.DataType !== 'String' || typeof value.StringValue !== 'string') {
      throw invalidParameter(
        `Message system attribute 'AWSTraceHeader' must have DataType String and a StringValue.`,
      );
    }
    return value.StringValue;
  }
  return undefined;
}

/** A send's response entry: a batch entry's Id first (when given), then what the store reported. */
export type SendResultEntry = SendReceipt & { Id?: string; SequenceNumber?: string };

/**
 * The response entry for a message the store handled, or the AWS error when it refused it. A FIFO
 * duplicate reports the original message's id and sequence number, as AWS does. Absent fields are left
 * out rather than set to undefined: this object is built and serialised for every message sent.
 */
export function sendResult(
  prepared: PreparedMessage,
  outcome: SendOutcome,
  maxSize: number,
  entryId?: string,
): SendResultEntry {
  switch (outcome.status) {
    case 'too-large':
      throw invalidParameter(
        `One or more parameters are invalid. Reason: Message must be shorter than ${maxSize} bytes.`,
      );
    case 'no-deduplication-id':
      throw invalidParameter(
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    default: {
      const receipt = prepared.receipt;
      const entry: SendResultEntry =
        entryId === undefined
          ? { MessageId: outcome.id, MD5OfMessageBody: receipt.MD5OfMessageBody }
          : { Id: entryId, MessageId: outcome.id, MD5OfMessageBody: receipt.MD5OfMessageBody };
      if (receipt.MD5OfMessageAttributes !== undefined)
        entry.MD5OfMessageAttributes = receipt.MD5OfMessageAttributes;
      if (receipt.MD5OfMessageSystemAttributes !== undefined)
        entry.MD5OfMessageSystemAttributes = receipt.MD5OfMessageSystemAttributes;
      if (outcome.sequence !== undefined) entry.SequenceNumber = formatSequenceNumber(outcome.sequence);
      return entry;
    }
  }
}
