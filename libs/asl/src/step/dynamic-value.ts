import { DynamicValue } from '../definition/compiled.types';
import { queryEvaluationError, runtimeError } from '../errors/states-error';
import { evaluateIntrinsic } from '../intrinsics/intrinsic.evaluator';
import { evaluateJsonataField, JsonataStates } from '../jsonata/jsonata-expression';
import { NOT_FOUND, selectPath } from '../jsonpath/json-path.evaluator';
import { CompiledPath } from '../jsonpath/json-path.types';
import { invalidPathDetail } from '../processing/json-path-io';
import { EvalEnv } from './runtime.types';

/** Resolves a literal, `…Path` or JSONata field. */
export async function resolveDynamic(
  value: DynamicValue,
  env: EvalEnv,
  states: JsonataStates,
): Promise<unknown> {
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'intrinsic':
      return evaluateIntrinsic(value.call, env);
    case 'path': {
      const v = selectPath(value.path, env);
      if (v === NOT_FOUND) throw runtimeError(pathNotFoundDetail(value.field, value.path, env));
      return v;
    }
    case 'jsonata':
      return evaluateJsonataField(value.expr, value.field, states, env.variables, env.runtime);
  }
}

/**
 * AWS's detail for a `…Path` field that selects nothing. A Wait state's SecondsPath and
 * TimestampPath have their own words ("The SecondsPath parameter does not reference an input
 * value: $.s"); every other `…Path` field is worded as InputPath and OutputPath are.
 */
function pathNotFoundDetail(field: string, path: CompiledPath, env: EvalEnv): string {
  if (field === 'SecondsPath' || field === 'TimestampPath')
    return `The ${field} parameter does not reference an input value: ${path.source}`;
  return invalidPathDetail(path, env.input, env);
}

/** A value as AWS quotes it in a cause: strings as they are, anything else as JSON. */
function quoted(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v ?? null);
}

/**
 * The `…Path` integer fields AWS reads as the text of the value: a numeric string such as "5"
 * counts as 5, and anything else "is not a valid integer" (recorded against AWS for
 * MaxConcurrencyPath `{}` and "NoNumber", MaxItemsPath 1.5, ToleratedFailureCountPath).
 */
const TEXT_INTEGER_FIELDS: ReadonlySet<string> = new Set([
  'MaxConcurrencyPath',
  'MaxItemsPath',
  'ToleratedFailureCountPath',
]);

/**
 * AWS's detail for a `…Path` integer field whose value is unusable. Recorded against AWS:
 * SecondsPath ("cannot be parsed as a long value", "references a negative value"), the
 * TEXT_INTEGER_FIELDS ("refers to value … which is not a valid integer") and a negative
 * ToleratedFailureCountPath. AWS leaves an execution with a negative MaxConcurrencyPath hanging
 * after ExecutionStarted; failing with LocalStack's words is the nearest a run can come.
 */
function invalidIntegerDetail(
  name: string,
  source: string,
  v: unknown,
  isInteger: boolean,
  positive: boolean,
): string {
  if (TEXT_INTEGER_FIELDS.has(name) && !isInteger)
    return `The ${name} field refers to value "${quoted(v)}" which is not a valid integer: ${source}`;
  switch (name) {
    case 'SecondsPath':
      return isInteger
        ? `The SecondsPath parameter references a negative value: ${source} == ${quoted(v)}`
        : `The SecondsPath parameter cannot be parsed as a long value: ${source} == ${quoted(v)}`;
    case 'MaxConcurrencyPath':
      return `Expected non-negative integer for MaxConcurrency, got '${quoted(v)}' instead.`;
    case 'ToleratedFailureCountPath':
      return 'ToleratedFailureCount cannot be negative.';
    default:
      return `The value of ${name.replace(/Path$/, '')} must be a ${positive ? 'positive' : 'non-negative'} integer, but was ${JSON.stringify(v)}.`;
  }
}

/**
 * Resolves ToleratedFailurePercentage(Path), a number from 0 to 100. As recorded against AWS, a
 * path's value is read as the text of a float (so a numeric string such as "1.5" counts), anything
 * else "is not a valid float", and a number out of range "must be between 0 and 100".
 */
export async function resolvePercentage(
  value: DynamicValue | undefined,
  env: EvalEnv,
  states: JsonataStates,
): Promise<number | undefined> {
  if (!value) return undefined;
  let v = await resolveDynamic(value, env, states);
  if (value.kind === 'path' && typeof v === 'string' && FLOAT_TEXT.test(v.trim())) v = Number(v);
  const fail = value.kind === 'jsonata' ? queryEvaluationError : runtimeError;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    if (value.kind === 'path')
      throw fail(
        `The ToleratedFailurePercentagePath field refers to value "${quoted(v)}" which is not a valid float: ${value.path.source}`,
      );
    throw fail('ToleratedFailurePercentage must be between 0 and 100.');
  }
  if (v < 0 || v > 100) throw fail('ToleratedFailurePercentage must be between 0 and 100.');
  return v;
}

/** The text of a float as Java reads it (digits, an optional fraction and exponent). */
const FLOAT_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Resolves a field that must be a non-negative integer (a count, seconds); `positive` excludes 0. */
export async function resolveInteger(
  value: DynamicValue | undefined,
  env: EvalEnv,
  states: JsonataStates,
  name: string,
  positive = false,
): Promise<number | undefined> {
  if (!value) return undefined;
  let v = await resolveDynamic(value, env, states);
  const field = value.kind === 'path' && !name.endsWith('Path') ? `${name}Path` : name;
  if (
    typeof v === 'string' &&
    value.kind === 'path' &&
    TEXT_INTEGER_FIELDS.has(field) &&
    /^[+-]?\d+$/.test(v)
  )
    v = Number(v);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || (positive && v === 0)) {
    const fail = value.kind === 'jsonata' ? queryEvaluationError : runtimeError;
    const source = value.kind === 'path' ? value.path.source : '';
    throw fail(
      invalidIntegerDetail(field, source, v, typeof v === 'number' && Number.isInteger(v), positive),
    );
  }
  return v;
}
