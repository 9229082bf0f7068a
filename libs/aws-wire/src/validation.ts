import { AwsError, CommonErrors } from './aws-error';
import type { Constraints, Member, Shape, StructShape } from './shapes';

/** One way an input breaks its operation's model; a service's formatter words it. */
export interface ValidationIssue {
  /** What broke: a missing required member, a limit, a pattern, an enum, or a query value of the wrong type. */
  readonly kind: 'required' | 'length' | 'range' | 'pattern' | 'enum' | 'type';
  /** The member's name (`MaxNumberOfMessages`). */
  readonly member: string;
  /**
   * Where it is, in the form AWS's validation messages use: members joined by dots, list items as
   * `<list>.<n>.member`, map values as `<map>.<key>` (`Entries.2.member.Id`).
   */
  readonly path: string;
  /** The value found (undefined for a missing member). */
  readonly value: unknown;
  readonly constraints?: Constraints;
  /** For `length`/`range`: which bound was crossed. */
  readonly bound?: 'min' | 'max';
  /** For `enum`: the allowed values. */
  readonly allowed?: readonly string[];
  /** For `type`: what the member should have been (`an integer`, `true or false`). */
  readonly expected?: string;
}

/** Turns the issues found in one request (at least one) into the service's error. */
export type ValidationErrorFormatter = (issues: readonly ValidationIssue[]) => AwsError;

const JSON_TYPE_NAMES = {
  string: 'a String',
  blob: 'a Blob',
  integer: 'an Integer',
  boolean: 'a Boolean',
  timestamp: 'a Timestamp',
  document: 'a Document',
} as const;

/**
 * Checks a decoded input against its operation's shape, once for every service: required members,
 * documented limits, patterns and enums become issues for the service's formatter. With `jsonTypes`,
 * JSON values are also checked against the shape's types as AWS's JSON parser does (a member of the
 * wrong type is a SerializationException naming it, a member set to null counts as absent) and
 * timestamps given as epoch seconds become `Date`s. Members the shape does not name are left alone.
 */
export function validateInput(
  input: Record<string, unknown>,
  shape: StructShape,
  options: { jsonTypes: boolean },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkStruct(input, shape, '', '', options.jsonTypes, issues);
  return issues;
}

function checkStruct(
  value: Record<string, unknown>,
  shape: StructShape,
  path: string,
  jsonPath: string,
  jsonTypes: boolean,
  issues: ValidationIssue[],
): void {
  for (const name of shape.required) {
    if (value[name] === undefined || (value[name] === null && jsonTypes)) {
      issues.push({
        kind: 'required',
        member: name,
        path: path ? `${path}.${name}` : name,
        value: undefined,
      });
    }
  }
  const members = shape.members;
  for (const name in members) {
    const member = members[name];
    let v = value[name];
    if (v === null && jsonTypes) {
      delete value[name];
      v = undefined;
    }
    if (v === undefined) continue;
    const memberPath = path ? `${path}.${name}` : name;
    const memberJsonPath = jsonPath ? `${jsonPath}.${name}` : name;
    const checked = checkValue(v, member.shape, memberPath, memberJsonPath, jsonTypes, issues);
    if (checked !== v) value[name] = checked;
    if (member.constraints) checkConstraints(checked, member, name, memberPath, issues);
  }
}

/** Checks one value; returns it, or its converted form (a timestamp read from JSON). */
function checkValue(
  value: unknown,
  shape: Shape,
  path: string,
  jsonPath: string,
  jsonTypes: boolean,
  issues: ValidationIssue[],
): unknown {
  switch (shape.kind) {
    case 'string':
      if (jsonTypes && typeof value !== 'string') throw mismatch(value, JSON_TYPE_NAMES.string, jsonPath);
      if (shape.enum && !shape.enum.includes(value as string)) {
        issues.push({ kind: 'enum', member: leaf(path), path, value, allowed: shape.enum });
      }
      return value;
    case 'blob':
      if (jsonTypes && typeof value !== 'string') throw mismatch(value, JSON_TYPE_NAMES.blob, jsonPath);
      return value;
    case 'boolean':
      if (jsonTypes && typeof value !== 'boolean') throw mismatch(value, JSON_TYPE_NAMES.boolean, jsonPath);
      return value;
    case 'integer':
      if (jsonTypes && (typeof value !== 'number' || !Number.isFinite(value))) {
        throw mismatch(value, JSON_TYPE_NAMES.integer, jsonPath);
      }
      return value;
    case 'timestamp':
      if (!jsonTypes) return value;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw mismatch(value, JSON_TYPE_NAMES.timestamp, jsonPath);
      }
      return new Date(value * 1000);
    case 'document':
      return value;
    case 'struct':
      if (!isObject(value)) {
        if (jsonTypes) throw mismatch(value, 'a Structure', jsonPath);
        return value;
      }
      checkStruct(value, shape, path, jsonPath, jsonTypes, issues);
      return value;
    case 'list': {
      if (!Array.isArray(value)) {
        if (jsonTypes) throw mismatch(value, 'a List', jsonPath);
        return value;
      }
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const itemPath = `${path}.${i + 1}.member`;
        const checked = checkValue(item, shape.member, itemPath, `${jsonPath}[${i}]`, jsonTypes, issues);
        if (checked !== item) value[i] = checked;
      }
      return value;
    }
    case 'map': {
      if (!isObject(value)) {
        if (jsonTypes) throw mismatch(value, 'a Map', jsonPath);
        return value;
      }
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        const item = value[key];
        const checked = checkValue(
          item,
          shape.value,
          `${path}.${key}`,
          `${jsonPath}.${key}`,
          jsonTypes,
          issues,
        );
        if (checked !== item) value[key] = checked;
      }
      return value;
    }
  }
}

function checkConstraints(
  value: unknown,
  member: Member,
  name: string,
  path: string,
  issues: ValidationIssue[],
): void {
  const c = member.constraints!;
  if (c.range && typeof value === 'number') {
    if (!Number.isInteger(value) && member.shape.kind === 'integer') {
      issues.push({ kind: 'range', member: name, path, value, constraints: c });
    } else if (c.range.min !== undefined && value < c.range.min) {
      issues.push({ kind: 'range', member: name, path, value, constraints: c, bound: 'min' });
    } else if (c.range.max !== undefined && value > c.range.max) {
      issues.push({ kind: 'range', member: name, path, value, constraints: c, bound: 'max' });
    }
  }
  if (c.length) {
    const size = sizeOf(value);
    if (size !== undefined) {
      if (c.length.min !== undefined && size < c.length.min) {
        issues.push({ kind: 'length', member: name, path, value, constraints: c, bound: 'min' });
      } else if (c.length.max !== undefined && size > c.length.max) {
        issues.push({ kind: 'length', member: name, path, value, constraints: c, bound: 'max' });
      }
    }
  }
  if (c.pattern && typeof value === 'string' && !patternOf(c.pattern).test(value)) {
    issues.push({ kind: 'pattern', member: name, path, value, constraints: c });
  }
}

/** Characters of a string (code points, as AWS counts them), items of a list, keys of a map. */
function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'string') {
    let n = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff) n++;
    }
    return n;
  }
  if (Array.isArray(value)) return value.length;
  if (isObject(value)) return Object.keys(value).length;
  return undefined;
}

const patterns = new Map<string, RegExp>();

/** Smithy patterns match anywhere unless anchored, as AWS applies them. */
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source, 'u')));
  return re;
}

function leaf(path: string): string {
  const parts = path.split('.').filter((p) => p !== 'member' && !/^\d+$/.test(p));
  return parts[parts.length - 1] ?? path;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

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

/** A request body the JSON protocols cannot read as its operation's input. */
export function serializationError(message: string): AwsError {
  return new AwsError(CommonErrors.SerializationException, message);
}
