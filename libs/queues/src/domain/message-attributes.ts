import type { Sqs } from '@switchyard/aws-wire';
import { InvalidMessage } from './invalid-message';

type MessageAttributes = Readonly<Record<string, Sqs.MessageAttributeValue>>;

const invalid = (message: string) => new InvalidMessage('InvalidParameterValue', message);

/** At most this many message attributes per message. */
export const MAX_MESSAGE_ATTRIBUTES = 10;

const INVALID_CHARS = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Throws InvalidMessageContents when text has characters SQS does not allow. */
export function checkMessageCharacters(text: string): void {
  if (INVALID_CHARS.test(text)) {
    throw new InvalidMessage(
      'InvalidMessageContents',
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
}

function byteLength(value: string | Uint8Array | undefined, binary: boolean): number {
  if (value === undefined) return 0;
  if (typeof value !== 'string') return value.length;
  return binary ? Buffer.byteLength(value, 'base64') : Buffer.byteLength(value, 'utf8');
}

/**
 * Validates user message attributes as SQS does (names, types, values, count) and returns their size
 * in bytes as counted against MaximumMessageSize (names, types and values).
 */
export function checkMessageAttributes(attributes: MessageAttributes | undefined): number {
  if (!attributes) return 0;
  const names = Object.keys(attributes);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalid(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  let size = 0;
  for (const name of names) {
    checkAttributeName(name);
    const attr = attributes[name];
    if (!attr || typeof attr !== 'object')
      throw invalid(`The message attribute '${name}' must contain non-empty message attribute value.`);
    const type = attr.DataType;
    if (typeof type !== 'string' || type.length === 0) {
      throw invalid(`The message attribute '${name}' must contain non-empty message attribute type.`);
    }
    const base = type.split('.')[0];
    if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
      throw invalid(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    if (type.length > 256)
      throw invalid(`Message (user) attribute '${name}' type must be shorter than 256 characters.`);
    const binary = base === 'Binary';
    const value = binary ? attr.BinaryValue : attr.StringValue;
    if (
      value === undefined ||
      value === null ||
      (typeof value === 'string' && value.length === 0 && !binary)
    ) {
      throw invalid(`The message attribute '${name}' with type '${base}' must use field '${base}'.`);
    }
    if (!binary) {
      if (typeof value !== 'string')
        throw invalid(`The message attribute '${name}' with type '${base}' must use field '${base}'.`);
      checkMessageCharacters(value);
      if (base === 'Number') checkNumber(name, value);
    }
    if (attr.StringListValues?.length || attr.BinaryListValues?.length) {
      throw invalid(`Message attribute list values in SendMessage operation are not supported.`);
    }
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(type, 'utf8') + byteLength(value, binary);
  }
  return size;
}

function checkAttributeName(name: string): void {
  const lower = name.toLowerCase();
  const bad =
    !ATTRIBUTE_NAME.test(name) ||
    name.startsWith('.') ||
    name.endsWith('.') ||
    name.includes('..') ||
    lower.startsWith('aws.') ||
    lower.startsWith('amazon.');
  if (bad) {
    throw invalid(
      `Message (user) attribute name '${name}' is invalid. The attribute name can contain only A-Z, a-z, 0-9, underscore (_), hyphen (-) and period (.), must not start or end with a period, must not have consecutive periods, must not start with AWS. or Amazon., and must be at most 256 characters.`,
    );
  }
}

function checkNumber(name: string, value: string): void {
  const trimmed = value.trim();
  if (!NUMBER.test(trimmed))
    throw invalid(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  const digits = trimmed
    .replace(/^[+-]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '');
  if (digits.length > 38)
    throw invalid(
      `Value of message (user) attribute '${name}' is out of range: numbers may have up to 38 digits of precision.`,
    );
}

/**
 * The attributes a receive asked for: names, `All`, `.*`, or prefixes written `prefix.*`.
 */
export function selectMessageAttributes(
  attributes: MessageAttributes | undefined,
  requested: readonly string[] | undefined,
): MessageAttributes | undefined {
  if (!attributes || !requested || requested.length === 0) return undefined;
  if (requested.includes('All') || requested.includes('.*')) return attributes;
  // Null-prototype: a client may name an attribute `__proto__`.
  const out: Record<string, Sqs.MessageAttributeValue> = Object.create(null);
  for (const [name, value] of Object.entries(attributes)) {
    const wanted = requested.some((r) => (r.endsWith('.*') ? name.startsWith(r.slice(0, -1)) : r === name));
    if (wanted) out[name] = value;
  }
  return Object.keys(out).length ? out : undefined;
}
