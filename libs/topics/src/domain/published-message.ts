import { createHash, randomUUID } from 'node:crypto';
import type { Sns } from '@switchyard/aws-wire';
import { snsInvalidParameter } from '../errors/sns-errors';

/** One message attribute as SNS keeps it: the wire's DataType and value (binary as base64). */
export interface PublishedAttribute {
  readonly Type: string;
  readonly Value: string;
}

/**
 * A message accepted by Publish or PublishBatch, as it is stored on the topic's stream until every
 * subscription has it. `message` is the text, or per protocol when MessageStructure is json.
 */
export interface PublishedMessage {
  readonly id: string;
  /** The text every protocol gets, unless `perProtocol` has one for it. */
  readonly message: string;
  readonly perProtocol?: Record<string, string>;
  readonly subject?: string;
  readonly attributes: Record<string, PublishedAttribute>;
  /** ISO-8601 time of the publish, as the envelope's Timestamp. */
  readonly timestamp: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  /** FIFO topics: the topic's sequence number of the message (20 digits). */
  readonly sequenceNumber?: string;
}

/** What one Publish or batch entry asks for, before checks. */
export type PublishRequest = Pick<
  Sns.PublishInput,
  | 'Message'
  | 'Subject'
  | 'MessageStructure'
  | 'MessageAttributes'
  | 'MessageDeduplicationId'
  | 'MessageGroupId'
>;

/** The topic settings a message is checked against. */
export interface PublishTarget {
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly maxMessageBytes: number;
}

const ATTRIBUTE_TYPE = /^(String|Number|Binary|String\.Array)(\..+)?$/;
const FIFO_ID = /^[\x21-\x7e]{1,128}$/;

/** Checks one message as SNS does, then returns it with its id, time and de-duplication id. */
export function preparePublish(
  request: PublishRequest,
  target: PublishTarget,
  now: number,
): PublishedMessage {
  const text = request.Message;
  if (text === undefined || text === '') throw snsInvalidParameter('Invalid parameter: Empty message');
  if (Buffer.byteLength(text, 'utf8') + attributesSize(request.MessageAttributes) > target.maxMessageBytes)
    throw snsInvalidParameter('Invalid parameter: Message too long');
  const subject = request.Subject;
  if (subject !== undefined && (subject === '' || subject.length > 100 || /[^\x20-\x7e]/.test(subject)))
    throw snsInvalidParameter('Invalid parameter: Subject');
  let perProtocol: Record<string, string> | undefined;
  let message = text;
  if (request.MessageStructure !== undefined) {
    if (request.MessageStructure !== 'json') throw snsInvalidParameter('Invalid parameter: MessageStructure');
    perProtocol = parseStructure(text);
    message = perProtocol.default;
  }
  const attributes = checkAttributes(request.MessageAttributes ?? {});
  const groupId = request.MessageGroupId;
  let deduplicationId = request.MessageDeduplicationId;
  if (target.fifo) {
    if (groupId === undefined || groupId === '')
      throw snsInvalidParameter(
        'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
      );
    if (!FIFO_ID.test(groupId)) throw snsInvalidParameter('Invalid parameter: MessageGroupId');
    if (deduplicationId === undefined) {
      if (!target.contentBasedDeduplication)
        throw snsInvalidParameter(
          'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      deduplicationId = createHash('sha256').update(text, 'utf8').digest('hex');
    } else if (!FIFO_ID.test(deduplicationId))
      throw snsInvalidParameter('Invalid parameter: MessageDeduplicationId');
  } else {
    if (deduplicationId !== undefined)
      throw snsInvalidParameter(
        'Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
      );
    if (groupId !== undefined && !FIFO_ID.test(groupId))
      throw snsInvalidParameter('Invalid parameter: MessageGroupId');
  }
  return {
    id: randomUUID(),
    message,
    ...(perProtocol ? { perProtocol } : {}),
    ...(subject !== undefined ? { subject } : {}),
    attributes,
    timestamp: new Date(now).toISOString(),
    ...(groupId !== undefined ? { groupId } : {}),
    ...(deduplicationId !== undefined ? { deduplicationId } : {}),
  };
}

/** MessageStructure json: a JSON object of strings with a "default" entry. */
function parseStructure(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw snsInvalidParameter('Invalid parameter: Message Structure - JSON message body failed to parse');
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    typeof (parsed as Record<string, unknown>).default !== 'string'
  )
    throw snsInvalidParameter('Invalid parameter: Message Structure - No default entry in JSON message body');
  const out: Record<string, string> = {};
  for (const [protocol, value] of Object.entries(parsed as Record<string, unknown>))
    if (typeof value === 'string') out[protocol] = value;
  return out;
}

function attributesSize(attributes: Record<string, Sns.MessageAttributeValue> | undefined): number {
  let size = 0;
  for (const [name, a] of Object.entries(attributes ?? {}))
    size +=
      Buffer.byteLength(name, 'utf8') +
      Buffer.byteLength(a?.DataType ?? '', 'utf8') +
      Buffer.byteLength(a?.StringValue ?? a?.BinaryValue ?? '', 'utf8');
  return size;
}

function checkAttributes(
  given: Record<string, Sns.MessageAttributeValue>,
): Record<string, PublishedAttribute> {
  const out: Record<string, PublishedAttribute> = {};
  for (const [name, attribute] of Object.entries(given)) {
    const reason = (detail: string) =>
      snsInvalidParameter(
        `Invalid parameter: MessageAttributes Reason: The message attribute '${name}' ${detail}`,
      );
    if (
      name === '' ||
      name.length > 256 ||
      !/^[A-Za-z0-9_\-.]+$/.test(name) ||
      name.startsWith('.') ||
      name.endsWith('.')
    )
      throw reason('has an invalid name');
    // A query request can name an attribute and give it no value at all.
    const type = attribute?.DataType ?? '';
    if (!ATTRIBUTE_TYPE.test(type))
      throw reason(
        'has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.',
      );
    const binary = type.startsWith('Binary');
    const value = binary ? attribute?.BinaryValue : attribute?.StringValue;
    if (value === undefined || value === '')
      throw reason(`must contain non-empty message attribute value for message attribute type '${type}'.`);
    if (type.startsWith('Number') && !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim()))
      throw reason(`has an invalid numeric value: ${value}`);
    if (type.startsWith('String.Array')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      if (!Array.isArray(parsed) || parsed.some((v) => v !== null && typeof v === 'object'))
        throw reason(
          'has an invalid value: String.Array values must be a JSON array of strings, numbers, booleans or null',
        );
    }
    out[name] = { Type: type, Value: value };
  }
  return out;
}
