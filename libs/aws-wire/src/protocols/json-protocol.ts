import { AwsError, CommonErrors } from '../aws-error';
import type { Shape, StructShape } from '../shapes';

/**
 * Parses an AWS JSON 1.0/1.1 request body (an empty body is an empty input) and checks it against the
 * operation's input shape as AWS does: a member of the wrong JSON type is a SerializationException,
 * members the shape does not name are ignored, and a member set to null counts as absent.
 */
export function decodeJsonInput(body: string, shape?: StructShape): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw serializationError(
      'Start of structure or map found where not expected, or the request body is not valid JSON.',
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw serializationError('The request body must be a JSON object.');
  }
  const input = parsed as Record<string, unknown>;
  if (shape) checkStruct(input, shape, '');
  return input;
}

function serializationError(message: string): AwsError {
  return new AwsError(CommonErrors.SerializationException, message);
}

const SCALAR_NAMES = {
  string: 'a String',
  blob: 'a Blob',
  integer: 'an Integer',
  long: 'a Long',
  boolean: 'a Boolean',
  timestamp: 'a Timestamp',
} as const;

/** The JSON token name AWS's parser reports for a value found where another type was expected. */
function tokenName(value: unknown): string {
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'number') return 'NUMBER_VALUE';
  if (typeof value === 'boolean') return 'BOOLEAN_VALUE';
  return 'NULL_VALUE';
}

function mismatch(value: unknown, expected: string, path: string): AwsError {
  if (Array.isArray(value))
    return serializationError(`Start of list found where not expected (member ${path}).`);
  if (value !== null && typeof value === 'object') {
    return serializationError(`Start of structure or map found where not expected (member ${path}).`);
  }
  return serializationError(`${tokenName(value)} can not be converted to ${expected} (member ${path}).`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkStruct(value: Record<string, unknown>, shape: StructShape, path: string): void {
  for (const name in shape.members) {
    const member = value[name];
    if (member === undefined) continue;
    if (member === null) {
      delete value[name];
      continue;
    }
    checkValue(member, shape.members[name].shape, path ? `${path}.${name}` : name);
  }
}

function checkValue(value: unknown, shape: Shape, path: string): void {
  if (typeof shape === 'string') {
    switch (shape) {
      case 'string':
      case 'blob':
        if (typeof value !== 'string') throw mismatch(value, SCALAR_NAMES[shape], path);
        return;
      case 'boolean':
        if (typeof value !== 'boolean') throw mismatch(value, SCALAR_NAMES[shape], path);
        return;
      default:
        if (typeof value !== 'number' || !Number.isFinite(value))
          throw mismatch(value, SCALAR_NAMES[shape], path);
        return;
    }
  }
  switch (shape.kind) {
    case 'struct':
      if (!isObject(value)) throw mismatch(value, 'a Structure', path);
      checkStruct(value, shape, path);
      return;
    case 'list':
      if (!Array.isArray(value)) throw mismatch(value, 'a List', path);
      for (let i = 0; i < value.length; i++) checkValue(value[i], shape.member, `${path}[${i}]`);
      return;
    case 'map':
      if (!isObject(value)) throw mismatch(value, 'a Map', path);
      for (const key in value) checkValue(value[key], shape.value, `${path}.${key}`);
      return;
  }
}

/** Serialises an operation's output; operations without output answer `{}`. */
export function encodeJsonOutput(output: Record<string, unknown> | undefined): string {
  return output ? JSON.stringify(output) : '{}';
}

/** The JSON protocols' error body: `__type` names the modelled error within the service namespace. */
export function encodeJsonError(error: AwsError, errorNamespace: string | undefined): string {
  const type = errorNamespace ? `${errorNamespace}#${error.shape.code}` : error.shape.code;
  return JSON.stringify({ __type: type, message: error.message });
}

/** The `x-amzn-query-error` header value that query-compatible JSON services (SQS) send with every error. */
export function queryCompatibleErrorHeader(error: AwsError): string {
  return `${error.shape.queryCode ?? error.shape.code};${error.shape.fault}`;
}
