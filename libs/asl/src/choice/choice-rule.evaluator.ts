import { runtimeError, queryEvaluationError } from '../errors/states-error';
import { evaluateJsonata, JsonataStates } from '../jsonata/jsonata-expression';
import { NOT_FOUND, selectPath } from '../jsonpath/json-path.evaluator';
import { EvalEnv } from '../step/runtime.types';
import { ChoiceCondition } from './choice-rule.types';
import { parseTimestamp } from './timestamp';

function relate(relation: string, a: number | string, b: number | string): boolean {
  switch (relation) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    default:
      return a >= b;
  }
}

function compareValues(family: string, relation: string, value: unknown, operand: unknown): boolean {
  switch (family) {
    case 'String':
      return typeof value === 'string' && typeof operand === 'string' && relate(relation, value, operand);
    case 'Numeric':
      return typeof value === 'number' && typeof operand === 'number' && relate(relation, value, operand);
    case 'Boolean':
      return typeof value === 'boolean' && value === operand;
    default: {
      const a = parseTimestamp(value);
      const b = parseTimestamp(operand);
      return a !== undefined && b !== undefined && relate(relation, a, b);
    }
  }
}

/** Evaluates a JSONPath-language condition against the effective input. */
export function evaluateCondition(cond: ChoiceCondition, env: EvalEnv): boolean {
  switch (cond.kind) {
    case 'and':
      return cond.rules.every((r) => evaluateCondition(r, env));
    case 'or':
      return cond.rules.some((r) => evaluateCondition(r, env));
    case 'not':
      return !evaluateCondition(cond.rule, env);
    case 'jsonata':
      throw new Error('JSONata conditions are evaluated asynchronously');
  }
  const value = selectPath(cond.variable, env);
  if (cond.kind === 'type-test' && cond.test === 'IsPresent') return (value !== NOT_FOUND) === cond.expected;
  if (value === NOT_FOUND) {
    throw runtimeError(
      `Invalid path '${cond.variable.source}': The choice state's condition path references an invalid value.`,
    );
  }
  if (cond.kind === 'type-test') {
    let actual: boolean;
    switch (cond.test) {
      case 'IsNull':
        actual = value === null;
        break;
      case 'IsNumeric':
        actual = typeof value === 'number';
        break;
      case 'IsString':
        actual = typeof value === 'string';
        break;
      case 'IsBoolean':
        actual = typeof value === 'boolean';
        break;
      default:
        actual = parseTimestamp(value) !== undefined;
    }
    return actual === cond.expected;
  }
  if (cond.kind === 'matches') return typeof value === 'string' && cond.pattern.test(value);
  let operand: unknown;
  if ('literal' in cond.operand) operand = cond.operand.literal;
  else {
    operand = selectPath(cond.operand.path, env);
    if (operand === NOT_FOUND) {
      throw runtimeError(
        `Invalid path '${cond.operand.path.source}': The choice state's condition path references an invalid value.`,
      );
    }
  }
  return compareValues(cond.family, cond.relation, value, operand);
}

/** Evaluates a JSONata Condition; it must yield a boolean. */
export async function evaluateJsonataCondition(
  cond: Extract<ChoiceCondition, { kind: 'jsonata' }>,
  states: JsonataStates,
  env: EvalEnv,
): Promise<boolean> {
  const v = await evaluateJsonata(cond.condition, states, env.variables, env.runtime);
  if (typeof v !== 'boolean') {
    throw queryEvaluationError(
      `The Condition '${cond.condition.source}' returned ${JSON.stringify(v) ?? 'nothing'}, not a boolean.`,
    );
  }
  return v;
}
