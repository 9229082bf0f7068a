import { compileFilterPolicy, FilterPolicyError } from '@switchyard/filter-policy';
import { comparable, OUT_OF_RANGE } from './comparable-number';
import { InvalidEventPattern } from './invalid-event-pattern';
import type {
  CompiledEventPattern,
  Condition,
  FieldConditions,
  NumericRange,
  PatternBranch,
} from './pattern.types';
import { compileWildcard } from './wildcard';

const OR = '$or';

/** Names the rule compiler keeps for itself: none may be a field inside a `$or` branch. */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

type JsonObject = { [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fail = (reason: string): never => {
  throw new InvalidEventPattern(reason);
};

/** The text the compiler's JSON parser reports for the token a message quotes. */
function tokenText(value: unknown): string {
  if (value === undefined) return ']';
  if (Array.isArray(value)) return '[';
  if (isObject(value)) return '{';
  return String(value);
}

/** Fields (path → conditions) of one branch while it is built; a path set again replaces the earlier one. */
type Fields = Map<string, readonly Condition[]>;

function checkedNumber(value: number): number {
  const units = comparable(value);
  return units === undefined ? fail(OUT_OF_RANGE) : units;
}

function numericOperand(value: unknown, operator: string): number {
  if (typeof value !== 'number') fail(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
  return checkedNumber(value as number);
}

function parseNumeric(operands: unknown): NumericRange {
  if (!Array.isArray(operands)) return fail('Value of numeric must be an array.');
  const [operator, operand] = operands;
  if (typeof operator !== 'string') fail(`Invalid member in numeric match: ${tokenText(operator)}`);
  switch (operator) {
    case '=':
    case '<':
    case '<=': {
      const bound = numericOperand(operand, operator);
      if (operands.length > 2) fail('Too many elements in numeric expression');
      if (operator === '=') return { lower: bound, lowerOpen: false, upper: bound, upperOpen: false };
      return { upper: bound, upperOpen: operator === '<', lowerOpen: false };
    }
    case '>':
    case '>=': {
      const lower = numericOperand(operand, operator);
      const lowerOpen = operator === '>';
      if (operands.length === 2) return { lower, lowerOpen, upperOpen: false };
      const topOperator = operands[2];
      if (typeof topOperator !== 'string') fail(`Bad value in numeric range: ${tokenText(topOperator)}`);
      if (topOperator !== '<' && topOperator !== '<=') fail(`Bad numeric range operator: ${topOperator}`);
      const upper = numericOperand(operands[3], topOperator as string);
      if (operands.length > 4) fail('Too many terms in numeric range expression');
      if (upper <= lower) fail('Bottom must be less than top');
      return { lower, lowerOpen, upper, upperOpen: topOperator === '<' };
    }
    default:
      return fail(`Unrecognized numeric range operator: ${operator as string}`);
  }
}

/** The operand of a `cidr` condition, checked and matched by the SNS filter-policy engine (same rules). */
function parseCidr(operand: string): Condition {
  try {
    return { kind: 'cidr', policy: compileFilterPolicy(JSON.stringify({ ip: [{ cidr: operand }] })) };
  } catch (error) {
    if (error instanceof FilterPolicyError) return fail(error.reason.replace(/^FilterPolicy: /, ''));
    throw error;
  }
}

/** The strings of an `anything-but` operand that takes strings only (ignore-case, prefix, suffix, wildcard). */
function anythingButStrings(operand: unknown, kind: 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard') {
  const values = Array.isArray(operand) ? operand : [operand];
  return values.map((value) => {
    if (typeof value !== 'string') {
      if (kind === 'equals-ignore-case')
        fail('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
      fail(
        kind === 'wildcard'
          ? 'wildcard match pattern must be a string'
          : 'prefix/suffix match pattern must be a string',
      );
    }
    if ((kind === 'prefix' || kind === 'suffix') && value === '') fail('Null prefix/suffix not allowed');
    return value as string;
  });
}

function parseAnythingBut(expression: JsonObject, operand: unknown): Condition {
  let kind: 'plain' | 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard' = 'plain';
  let values = operand;
  if (isObject(operand)) {
    const [name] = Object.keys(operand);
    if (name === undefined) fail('Anything-But expression name not found');
    if (name !== 'equals-ignore-case' && name !== 'prefix' && name !== 'suffix' && name !== 'wildcard')
      fail(`Unsupported anything-but pattern: ${name}`);
    kind = name as typeof kind;
    values = operand[name];
  }
  if (!Array.isArray(values) && typeof values !== 'string' && typeof values !== 'number')
    fail('Value of anything-but must be an array or single string/number value.');
  let condition: Condition;
  if (kind === 'plain') {
    const strings = new Set<string>();
    const numbers = new Set<number>();
    for (const value of Array.isArray(values) ? values : [values]) {
      if (typeof value === 'string') strings.add(value);
      else if (typeof value === 'number') numbers.add(checkedNumber(value));
      else fail('Inside anything but list, start|null|boolean is not supported.');
    }
    if (strings.size > 0 === numbers.size > 0)
      fail('Inside anything but list, either all values are number or string, mixed type is not supported');
    condition = numbers.size ? { kind: 'anything-but-number', numbers } : { kind: 'anything-but', strings };
  } else {
    const strings = anythingButStrings(values, kind);
    if (kind === 'equals-ignore-case')
      condition = { kind: 'anything-but-ignore-case', lowered: new Set(strings.map((s) => s.toLowerCase())) };
    else if (kind === 'wildcard')
      condition = { kind: 'anything-but-wildcard', matchers: strings.map(compileWildcard) };
    else
      condition = {
        kind: kind === 'prefix' ? 'anything-but-prefix' : 'anything-but-suffix',
        values: strings,
      };
    if (Object.keys(operand as JsonObject).length > 1) fail('Too many elements in numeric expression');
  }
  if (Object.keys(expression).length > 1) fail('Too many elements in numeric expression');
  return condition;
}

/** `prefix` or `suffix` with an `equals-ignore-case` operand: `{"prefix": {"equals-ignore-case": "ab"}}`. */
function parseIgnoreCaseAffix(kind: 'prefix' | 'suffix', operand: JsonObject): Condition {
  const [name] = Object.keys(operand);
  const title = kind === 'prefix' ? 'Prefix' : 'Suffix';
  if (name === undefined) fail(`${title} expression name not found`);
  if (name !== 'equals-ignore-case') fail(`Unsupported ${kind} pattern: ${name}`);
  const value = operand[name];
  if (typeof value !== 'string') fail('equals-ignore-case match pattern must be a string');
  if (Object.keys(operand).length > 1) fail('Only one key allowed in match expression');
  return { kind, value: (value as string).toLowerCase(), ignoreCase: true };
}

function stringOperand(operand: unknown, message: string): string {
  return typeof operand === 'string' ? operand : fail(message);
}

/** One `{ "<operator>": operand }` object of a field's list, in the rule compiler's order of checks. */
function parseMatchExpression(expression: JsonObject): Condition {
  const names = Object.keys(expression);
  if (names.length === 0) fail('Match expression name not found');
  const operator = names[0];
  const operand = expression[operator];
  let condition: Condition;
  switch (operator) {
    case 'exactly':
      condition = { kind: 'exact', value: stringOperand(operand, 'exact match pattern must be a string') };
      break;
    case 'prefix':
    case 'suffix':
      if (isObject(operand)) {
        condition = parseIgnoreCaseAffix(operator, operand);
        break;
      }
      condition = {
        kind: operator,
        value: stringOperand(operand, `${operator} match pattern must be a string`),
        ignoreCase: false,
      };
      break;
    case 'equals-ignore-case':
      condition = {
        kind: 'equals-ignore-case',
        value: stringOperand(operand, 'equals-ignore-case match pattern must be a string').toLowerCase(),
      };
      break;
    case 'wildcard':
      condition = {
        kind: 'wildcard',
        matcher: compileWildcard(stringOperand(operand, 'wildcard match pattern must be a string')),
      };
      break;
    case 'numeric':
      condition = { kind: 'numeric', range: parseNumeric(operand) };
      if (names.length > 1) fail('Too many elements in numeric expression');
      return condition;
    case 'anything-but':
      return parseAnythingBut(expression, operand);
    case 'exists':
      if (typeof operand !== 'boolean') fail('exists match pattern must be either true or false.');
      condition = { kind: 'exists', value: operand as boolean };
      break;
    case 'cidr':
      // The compiler words a cidr operand that is no string as it does a prefix one.
      condition = parseCidr(stringOperand(operand, 'prefix match pattern must be a string'));
      break;
    default:
      return fail(`Unrecognized match type ${operator}`);
  }
  if (names.length > 1) fail('Only one key allowed in match expression');
  return condition;
}

function parseValue(value: unknown): Condition {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null)
    return { kind: 'exact', value };
  if (typeof value === 'number') return { kind: 'exact-number', value, comparable: comparable(value) };
  if (isObject(value)) return parseMatchExpression(value);
  return fail('Match value must be String, number, true, false, or null');
}

function parseList(values: unknown[]): readonly Condition[] {
  if (values.length === 0) fail('Empty arrays are not allowed');
  return values.map(parseValue);
}

/** Every branch of `branches` with the field set (a field set again replaces the earlier one). */
function withField(branches: Fields[], path: string, conditions: readonly Condition[]): void {
  for (const fields of branches) fields.set(path, conditions);
}

/**
 * Walks one object level into `branches` (the alternatives built so far): arrays are fields, objects
 * nest their keys under the path, and `$or` multiplies the alternatives by its objects.
 */
function parseObject(
  node: JsonObject,
  path: string | undefined,
  branches: Fields[],
  insideOr: boolean,
): Fields[] {
  const keys = Object.keys(node);
  for (const key of keys) {
    if (key === OR) {
      branches = parseOr(node[key], path, branches);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key))
      fail(`${key} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
    const value = node[key];
    const fieldPath = path === undefined ? key : `${path}.${key}`;
    if (Array.isArray(value)) withField(branches, fieldPath, parseList(value));
    else if (isObject(value)) branches = parseObject(value, fieldPath, branches, insideOr);
    else fail(`"${key}" must be an object or an array`);
  }
  if (keys.length === 0) fail('Empty objects are not allowed');
  return branches;
}

function parseOr(value: unknown, path: string | undefined, branches: Fields[]): Fields[] {
  if (!Array.isArray(value)) return fail(`It must be an Array followed with ${OR}.`);
  const out: Fields[] = [];
  for (const alternative of value) {
    if (!isObject(alternative)) fail(`Only JSON object is allowed in array of ${OR} relationship.`);
    const copies = branches.map((fields) => new Map(fields));
    out.push(...parseObject(alternative as JsonObject, path, copies, true));
  }
  if (value.length < 2) fail(`There must have at least 2 Objects in ${OR} relationship.`);
  return out;
}

/** Parses the pattern's JSON; what is no JSON at all is refused with the parser's complaint. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail((error as Error).message);
  }
}

/**
 * Validates an event pattern as EventBridge's rule compiler does, in its order of checks and with
 * its wording (throws InvalidEventPattern), and compiles it for matching: a list of branches, one
 * per combination of `$or` alternatives, each a list of fields with their conditions.
 */
export function compileEventPattern(text: string): CompiledEventPattern {
  const document = parseJson(text);
  if (!isObject(document)) fail('Filter is not an object');
  const branches = parseObject(document as JsonObject, undefined, [new Map()], false);
  return {
    branches: branches.map((fields): PatternBranch =>
      [...fields].map(([path, conditions]): FieldConditions => ({ path, conditions })),
    ),
  };
}
