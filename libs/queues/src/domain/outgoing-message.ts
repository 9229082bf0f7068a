import { hash, randomUUID } from 'node:crypto';
import type { Sqs } from '@switchyard/aws-wire';
import type { OutgoingMessage, SendOutcome } from '../store/queue.store';
import { encodeMessage, formatSequenceNumber } from '../store/stored-message';
import { InvalidMessage } from './invalid-message';
import { checkMessageAttributes, checkMessageCharacters } from './message-attributes';
import { md5OfBody, md5OfMessageAttributes } from './message-digests';

/** The largest message SQS accepts, whatever the queue's MaximumMessageSize. */
export const MAX_MESSAGE_BYTES = 1_048_576;

/** The longest a message may be delayed. */
const MAX_DELAY_SECONDS = 900;

/** One message to send: SendMessage's members without the queue. */
export type MessageToSend = Omit<Sqs.SendMessageRequest, 'QueueUrl'>;

/** A message checked and encoded for the store, with the digests its response reports. */
export interface PreparedMessage {
  readonly outgoing: OutgoingMessage;
  readonly md5OfBody: string;
  readonly md5OfAttributes?: string;
  readonly md5OfSystemAttributes?: string;
}

const FIFO_ID = /^[\x21-\x7e]{1,128}$/;
const invalid = (message: string) => new InvalidMessage('InvalidParameterValue', message);

/**
 * Checks one message as SQS does and encodes it for the store; throws InvalidMessage for what SQS
 * would refuse. `senderId` is what ReceiveMessage reports as SenderId.
 */
export function prepareMessage(
  message: MessageToSend,
  senderId: string,
  now: number,
  fifo: boolean,
): PreparedMessage {
  const body = message.MessageBody;
  if (body === undefined || body === null || body === '') {
    throw new InvalidMessage('MissingParameter', 'The request must contain the parameter MessageBody.');
  }
  checkMessageCharacters(body);
  const delay = message.DelaySeconds;
  if (delay !== undefined && (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_SECONDS)) {
    throw invalid(
      `Value ${delay} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= ${MAX_DELAY_SECONDS}.`,
    );
  }
  const groupId = message.MessageGroupId;
  const deduplicationId = message.MessageDeduplicationId;
  if (fifo) {
    if (delay) {
      throw invalid(
        `Value ${delay} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`,
      );
    }
    if (groupId === undefined || groupId === '') {
      throw new InvalidMessage('MissingParameter', 'The request must contain the parameter MessageGroupId.');
    }
    if (deduplicationId !== undefined && !FIFO_ID.test(deduplicationId)) {
      throw invalid(
        `Value ${deduplicationId} for parameter MessageDeduplicationId is invalid. Reason: MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
      );
    }
  } else if (deduplicationId !== undefined) {
    throw invalid(
      'The request include parameter MessageDeduplicationId that is not valid for this queue type.',
    );
  }
  if (groupId !== undefined && !FIFO_ID.test(groupId)) {
    throw invalid(
      `Value ${groupId} for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
  const attributesSize = checkMessageAttributes(message.MessageAttributes);
  const traceHeader = readTraceHeader(message.MessageSystemAttributes);
  const size = Buffer.byteLength(body, 'utf8') + attributesSize;
  if (size > MAX_MESSAGE_BYTES) {
    throw invalid(
      `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`,
    );
  }
  const attributes =
    message.MessageAttributes && Object.keys(message.MessageAttributes).length
      ? message.MessageAttributes
      : undefined;
  const md5 = md5OfBody(body);
  const contentHash = fifo && deduplicationId === undefined ? hash('sha256', body, 'hex') : undefined;
  const encoded = encodeMessage({
    body,
    md5OfBody: md5,
    attributes,
    sentAt: now,
    senderId,
    traceHeader,
    groupId,
    deduplicationId: deduplicationId ?? contentHash,
  });
  return {
    outgoing: { id: randomUUID(), delaySeconds: delay, size, groupId, deduplicationId, contentHash, encoded },
    md5OfBody: md5,
    md5OfAttributes: md5OfMessageAttributes(attributes),
    md5OfSystemAttributes:
      traceHeader === undefined ? undefined : md5OfMessageAttributes(message.MessageSystemAttributes),
  };
}

function readTraceHeader(
  system: Readonly<Record<string, Sqs.MessageSystemAttributeValue>> | undefined,
): string | undefined {
  if (!system) return undefined;
  for (const [name, value] of Object.entries(system)) {
    if (name !== 'AWSTraceHeader') throw invalid(`Message system attribute name '${name}' is invalid.`);
    if (value?.DataType !== 'String' || typeof value.StringValue !== 'string') {
      throw invalid(`Message system attribute 'AWSTraceHeader' must have DataType String and a StringValue.`);
    }
    return value.StringValue;
  }
  return undefined;
}

/**
 * What a send reports for a message the store handled, or the InvalidMessage the store's answer
 * means. A FIFO duplicate reports the original message's id and sequence number, as AWS does. Absent
 * fields are left out rather than set to undefined: this object is built and serialised for every
 * message sent.
 */
export function sentMessage(
  prepared: PreparedMessage,
  outcome: SendOutcome,
  maxSize: number,
): Sqs.SendMessageResult;
/** The same for an entry of a batch: its Id first. */
export function sentMessage(
  prepared: PreparedMessage,
  outcome: SendOutcome,
  maxSize: number,
  entryId: string,
): Sqs.SendMessageBatchResultEntry;
export function sentMessage(
  prepared: PreparedMessage,
  outcome: SendOutcome,
  maxSize: number,
  entryId?: string,
): Sqs.SendMessageResult | Sqs.SendMessageBatchResultEntry {
  switch (outcome.status) {
    case 'too-large':
      throw invalid(
        `One or more parameters are invalid. Reason: Message must be shorter than ${maxSize} bytes.`,
      );
    case 'no-deduplication-id':
      throw invalid(
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    default: {
      const result: Sqs.SendMessageResult =
        entryId === undefined
          ? { MessageId: outcome.id, MD5OfMessageBody: prepared.md5OfBody }
          : ({
              Id: entryId,
              MessageId: outcome.id,
              MD5OfMessageBody: prepared.md5OfBody,
            } as Sqs.SendMessageResult);
      if (prepared.md5OfAttributes !== undefined) result.MD5OfMessageAttributes = prepared.md5OfAttributes;
      if (prepared.md5OfSystemAttributes !== undefined)
        result.MD5OfMessageSystemAttributes = prepared.md5OfSystemAttributes;
      if (outcome.sequence !== undefined) result.SequenceNumber = formatSequenceNumber(outcome.sequence);
      return result;
    }
  }
}
