import { isJsonObject } from '../json/json.types';
import { compileJsonata } from '../jsonata/jsonata-expression';
import { parseJsonPath } from '../jsonpath/json-path.parser';
import { ChoiceCondition, ComparisonKind } from './choice-rule.types';
import { compileStringMatches } from './string-matches';
import { parseTimestamp } from './timestamp';

const RELATIONS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'] as const;
const TYPE_TESTS = ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'] as const;

/** Every data-test operator name, with its `…Path` variants. */
export const COMPARISON_OPERATORS: ReadonlySet<string> = (() => {
  const names = new Set<string>(['StringMatches', ...TYPE_TESTS]);
  for (const family of ['String', 'Numeric', 'Timestamp'] as const) {
    for (const rel of RELATIONS) {
      names.add(`${family}${rel}`);
      names.add(`${family}${rel}Path`);
    }
  }
  names.add('BooleanEquals');
  names.add('BooleanEqualsPath');
  return names;
})();

/** Raised when a Choice rule is malformed. */
export class ChoiceRuleError extends Error {}

/** Compiles a JSONPath-language Choice rule (without its Next). */
export function compileChoiceCondition(rule: unknown): ChoiceCondition {
  if (!isJsonObject(rule)) throw new ChoiceRuleError('A choice rule must be an object');
  if (Array.isArray(rule.And)) return { kind: 'and', rules: rule.And.map(compileChoiceCondition) };
  if (Array.isArray(rule.Or)) return { kind: 'or', rules: rule.Or.map(compileChoiceCondition) };
  if (rule.Not !== undefined) return { kind: 'not', rule: compileChoiceCondition(rule.Not) };
  if (typeof rule.Variable !== 'string')
    throw new ChoiceRuleError("A choice rule must have a 'Variable' field or be And, Or or Not");
  const variable = parseJsonPath(rule.Variable);
  const ops = Object.keys(rule).filter((k) => COMPARISON_OPERATORS.has(k));
  if (ops.length !== 1)
    throw new ChoiceRuleError(`A choice rule must have exactly one comparison operator, found ${ops.length}`);
  const op = ops[0];
  const operand = rule[op];
  if ((TYPE_TESTS as readonly string[]).includes(op)) {
    if (typeof operand !== 'boolean') throw new ChoiceRuleError(`The value of ${op} must be a boolean`);
    return { kind: 'type-test', variable, test: op as (typeof TYPE_TESTS)[number], expected: operand };
  }
  if (op === 'StringMatches') {
    if (typeof operand !== 'string') throw new ChoiceRuleError('The value of StringMatches must be a string');
    return { kind: 'matches', variable, pattern: compileStringMatches(operand) };
  }
  const isPath = op.endsWith('Path');
  const base = isPath ? op.slice(0, -4) : op;
  const family = (['String', 'Numeric', 'Boolean', 'Timestamp'] as const).find((f) =>
    base.startsWith(f),
  ) as ComparisonKind;
  const relation = base.slice(family.length) as (typeof RELATIONS)[number];
  if (isPath) {
    if (typeof operand !== 'string')
      throw new ChoiceRuleError(`The value of ${op} must be a JSONPath string`);
    return {
      kind: 'compare',
      variable,
      operator: op,
      family,
      relation,
      operand: { path: parseJsonPath(operand) },
    };
  }
  const typeOk =
    (family === 'String' && typeof operand === 'string') ||
    (family === 'Numeric' && typeof operand === 'number') ||
    (family === 'Boolean' && typeof operand === 'boolean') ||
    (family === 'Timestamp' && parseTimestamp(operand) !== undefined);
  if (!typeOk) throw new ChoiceRuleError(`The value of ${op} has the wrong type`);
  return { kind: 'compare', variable, operator: op, family, relation, operand: { literal: operand } };
}

/** Compiles a JSONata-language Choice rule's Condition. */
export function compileJsonataCondition(condition: unknown): ChoiceCondition {
  if (typeof condition !== 'string')
    throw new ChoiceRuleError('Condition must be a JSONata expression string');
  return { kind: 'jsonata', condition: compileJsonata(condition) };
}
