import { FilterPolicyError, policyError } from './filter-policy.error';
import type {
  CompiledFilterPolicy,
  Conjunction,
  FilterPolicyScope,
  NumericRange,
  Pattern,
  PolicyStep,
  Scalar,
} from './filter-policy.types';
import { parseCidr } from './ip-address';
import { NUMERIC_LIMIT, quantize } from './numeric-value';

const MAX_POLICY_BYTES = 256 * 1024;
const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;
const OR_KEY = '$or';

// The operator names: an "$or" array whose objects use one of them is an ordinary key, as the
// SNS guide describes.
const RESERVED_NAMES = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
  'wildcard',
  'exact',
]);

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The text the JSON parser AWS uses reports for a token, for messages that quote one. */
function tokenText(value: unknown): string {
  if (value === undefined) return ']';
  if (Array.isArray(value)) return '[';
  if (isObject(value)) return '{';
  if (typeof value === 'string') return value;
  return String(value);
}

/** "$or" only means OR when followed by at least two objects none of which uses an operator name. */
function isOrArray(value: unknown): value is JsonObject[] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every(
      (branch) => isObject(branch) && Object.keys(branch).every((name) => !RESERVED_NAMES.has(name)),
    )
  );
}

function nestedScopeError(): FilterPolicyError {
  return new FilterPolicyError('Filter policy scope MessageAttributes does not support nested filter policy');
}

/**
 * Checks the shape of an object level and returns its AWS combination count: each array
 * contributes its length times its nesting depth, keys multiply, and "$or" branches add up.
 */
function measure(node: JsonObject, depth: number, scope: FilterPolicyScope): number {
  // Every object ends in arrays, and an array this deep alone exceeds the limit; stopping here
  // also bounds the recursion for pathologically nested input.
  if (depth > MAX_COMBINATIONS) throw policyError('Filter policy is too complex');
  let combinations = 1;
  for (const [key, value] of Object.entries(node)) {
    if (key === OR_KEY && isOrArray(value)) {
      let sum = 0;
      for (const branch of value) {
        if (Object.keys(branch).length === 0) throw policyError('Empty objects are not allowed');
        sum += measure(branch, depth, scope);
      }
      combinations *= sum;
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw policyError('Empty arrays are not allowed');
      combinations *= value.length * depth;
    } else if (isObject(value)) {
      if (scope === 'MessageAttributes') throw nestedScopeError();
      if (Object.keys(value).length === 0) throw policyError('Empty objects are not allowed');
      combinations *= measure(value, depth + 1, scope);
    } else {
      throw policyError(`"${key}" must be an object or an array`);
    }
  }
  return combinations;
}

function checkedNumber(value: number): number {
  const steps = quantize(value);
  if (steps === undefined) {
    throw policyError(
      `Value must be between -${NUMERIC_LIMIT.toExponential(1).replace('e+', 'E')} and ${NUMERIC_LIMIT.toExponential(1).replace('e+', 'E')}, inclusive`,
    );
  }
  return steps;
}

function numericOperandName(operator: string): string {
  return operator === '=' ? 'equals' : operator;
}

function parseNumeric(operands: unknown): NumericRange {
  if (!Array.isArray(operands)) throw policyError('Value of numeric must be an array.');
  const [operator, operand] = operands;
  if (typeof operator !== 'string')
    throw policyError(`Invalid member in numeric match: ${tokenText(operator)}`);
  if (!['=', '<', '<=', '>', '>='].includes(operator)) {
    throw policyError(`Unrecognized numeric range operator: ${operator}`);
  }
  if (typeof operand !== 'number')
    throw policyError(`Value of ${numericOperandName(operator)} must be numeric`);
  if (operator === '=' || operator === '<' || operator === '<=') {
    if (operands.length > 2) throw policyError('Too many elements in numeric expression');
    const bound = checkedNumber(operand);
    if (operator === '=') return { lower: bound, lowerOpen: false, upper: bound, upperOpen: false };
    return { upper: bound, upperOpen: operator === '<', lowerOpen: false };
  }
  const lower = checkedNumber(operand);
  const lowerOpen = operator === '>';
  if (operands.length === 2) return { lower, lowerOpen, upperOpen: false };
  const topOperator = operands[2];
  if (typeof topOperator !== 'string')
    throw policyError(`Bad value in numeric range: ${tokenText(topOperator)}`);
  if (topOperator !== '<' && topOperator !== '<=')
    throw policyError(`Bad numeric range operator: ${topOperator}`);
  const top = operands[3];
  if (typeof top !== 'number') throw policyError(`Value of ${topOperator} must be numeric`);
  if (operands.length > 4) throw policyError('Too many terms in numeric range expression');
  const upper = checkedNumber(top);
  if (top <= operand) throw policyError('Bottom must be less than top');
  return { lower, lowerOpen, upper, upperOpen: topOperator === '<' };
}

function parseAnythingBut(operand: unknown): Pattern {
  if (isObject(operand)) {
    const names = Object.keys(operand);
    if (names.length === 0) throw policyError('Anything-But expression name not found');
    if (names[0] !== 'prefix') throw policyError(`Unsupported anything-but pattern: ${names[0]}`);
    const prefix = operand.prefix;
    if (typeof prefix !== 'string') throw policyError('prefix match pattern must be a string');
    if (prefix === '') throw policyError('Null prefix not allowed');
    if (names.length > 1) throw policyError('Only one key allowed in match expression');
    return { kind: 'anything-but-prefix', value: prefix };
  }
  if (Array.isArray(operand)) {
    let strings = 0;
    let numbers = 0;
    for (const item of operand) {
      if (typeof item === 'string') strings++;
      else if (typeof item === 'number') {
        checkedNumber(item);
        numbers++;
      } else throw policyError('Inside anything but list, start|null|boolean is not supported.');
    }
    if (strings > 0 === numbers > 0) {
      throw policyError(
        'Inside anything but list, either all values are number or string, mixed type is not supported',
      );
    }
    return { kind: 'anything-but', values: operand as Scalar[], numeric: numbers > 0 };
  }
  if (typeof operand === 'string') return { kind: 'anything-but', values: [operand], numeric: false };
  if (typeof operand === 'number') {
    checkedNumber(operand);
    return { kind: 'anything-but', values: [operand], numeric: true };
  }
  throw policyError('Value of anything-but must be an array or single string/number value.');
}

function parseMatchExpression(expression: JsonObject): Pattern {
  const names = Object.keys(expression);
  if (names.length === 0) throw policyError('Match expression name not found');
  const operator = names[0];
  const operand = expression[operator];
  let pattern: Pattern;
  let extraKeysMessage = 'Only one key allowed in match expression';
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      if (typeof operand !== 'string') throw policyError(`${operator} match pattern must be a string`);
      pattern = { kind: operator, value: operand };
      break;
    case 'numeric':
      pattern = { kind: 'numeric', range: parseNumeric(operand) };
      extraKeysMessage = 'Too many elements in numeric expression';
      break;
    case 'anything-but':
      pattern = parseAnythingBut(operand);
      extraKeysMessage = 'Too many elements in numeric expression';
      break;
    case 'exists':
      if (typeof operand !== 'boolean')
        throw policyError('exists match pattern must be either true or false.');
      pattern = { kind: 'exists', value: operand };
      break;
    case 'cidr':
      // AWS reports a non-string cidr operand with the prefix wording.
      if (typeof operand !== 'string') throw policyError('prefix match pattern must be a string');
      pattern = { kind: 'cidr', range: parseCidr(operand) };
      break;
    default:
      throw policyError(`Unrecognized match type ${operator}`);
  }
  if (names.length > 1) throw policyError(extraKeysMessage);
  return pattern;
}

function parsePattern(value: unknown): Pattern {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return { kind: 'exact', value };
  }
  if (isObject(value)) return parseMatchExpression(value);
  throw policyError('Match value must be String, number, true, false, or null');
}

type Partial = Map<string, PolicyStep>;

// AND of two alternatives lists; a path set again later in the document replaces the earlier
// patterns, as the rule compiler SNS runs does.
function cross(left: Partial[], right: Partial[]): Partial[] {
  const out: Partial[] = [];
  for (const a of left) {
    for (const b of right) {
      const merged = new Map(a);
      for (const [path, step] of b) merged.set(path, step);
      out.push(merged);
    }
  }
  return out;
}

// `prefix` is undefined at the top level, so that an empty key still adds a path segment.
function build(node: JsonObject, prefix: string | undefined): Partial[] {
  let alternatives: Partial[] = [new Map()];
  for (const [key, value] of Object.entries(node)) {
    if (key === OR_KEY && isOrArray(value)) {
      alternatives = cross(
        alternatives,
        value.flatMap((branch) => build(branch, prefix)),
      );
      continue;
    }
    const path = prefix === undefined ? key : `${prefix}.${key}`;
    if (Array.isArray(value)) {
      const step: PolicyStep = { path, patterns: value.map(parsePattern) };
      alternatives = cross(alternatives, [new Map([[path, step]])]);
    } else {
      alternatives = cross(alternatives, build(value as JsonObject, path));
    }
  }
  return alternatives;
}

function dedupe(patterns: readonly Pattern[]): Pattern[] {
  const seen = new Set<string>();
  return patterns.filter((pattern) => {
    const key = JSON.stringify(pattern, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isScope(scope: string): scope is FilterPolicyScope {
  return scope === 'MessageAttributes' || scope === 'MessageBody';
}

/**
 * Validates a filter policy as SNS does and compiles it for matching. Throws a
 * `FilterPolicyError` carrying AWS's `InvalidParameter` message when SNS would refuse it.
 */
export function compileFilterPolicy(
  policy: string,
  scope: FilterPolicyScope = 'MessageAttributes',
): CompiledFilterPolicy {
  if (!isScope(scope)) {
    throw new FilterPolicyError(
      `FilterPolicyScope: Invalid value [${String(scope)}]. Please use either MessageBody or MessageAttributes`,
    );
  }
  if (utf8Length(policy) > MAX_POLICY_BYTES) throw policyError('Filter policy is too long');
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    throw policyError('failed to parse JSON.');
  }
  // SNS reads a policy as a JSON object, so any other JSON fails the same way as a syntax error.
  if (!isObject(document)) throw policyError('failed to parse JSON.');
  if (Object.keys(document).length > MAX_KEYS)
    throw policyError(`Filter policy can not have more than ${MAX_KEYS} keys`);
  const combinations = measure(document, 1, scope);
  if (combinations > MAX_COMBINATIONS) throw policyError('Filter policy is too complex');
  const conjunctions: Conjunction[] = build(document, undefined).map((partial) =>
    [...partial.values()].map((step) => ({ path: step.path, patterns: dedupe(step.patterns) })),
  );
  return { scope, conjunctions, combinations };
}
