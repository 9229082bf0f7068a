import jsonata from 'jsonata';
import { StatesError, queryEvaluationError } from '../errors/states-error';
import { isJsonObject } from '../json/json.types';
import { StepRuntime } from '../step/runtime.types';
import { awsJsonataBindings } from './aws-jsonata-functions';

/** Raised when a `{% %}` expression does not parse. */
export class JsonataSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonataSyntaxError';
  }
}

/** A parsed JSONata expression, ready to evaluate many times. */
export interface CompiledJsonata {
  readonly source: string;
  readonly expression: jsonata.Expression;
}

/** The `$states` reserved variable for one evaluation. */
export interface JsonataStates {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
}

const WRAPPED = /^\{%([\s\S]*)%\}$/;

/** Whether a string value is a `{% … %}` JSONata expression. */
export function isJsonataString(value: unknown): value is string {
  return typeof value === 'string' && WRAPPED.test(value);
}

/** Parses the body of a `{% … %}` string. */
export function compileJsonata(text: string): CompiledJsonata {
  const m = WRAPPED.exec(text);
  if (!m)
    throw new JsonataSyntaxError(
      `The value '${text}' is not a JSONata expression: it must be wrapped in {% and %}`,
    );
  const body = m[1].trim();
  if (!body) throw new JsonataSyntaxError(`The JSONata expression '${text}' is empty`);
  try {
    return { source: text, expression: jsonata(body) };
  } catch (e) {
    throw new JsonataSyntaxError(`The JSONata expression '${text}' is invalid: ${(e as Error).message}`);
  }
}

/** Evaluates a compiled expression; any failure becomes States.QueryEvaluationError. */
export async function evaluateJsonata(
  compiled: CompiledJsonata,
  states: JsonataStates,
  variables: Readonly<Record<string, unknown>>,
  runtime: StepRuntime,
): Promise<unknown> {
  const bindings: Record<string, unknown> = { ...variables, ...awsJsonataBindings(runtime), states };
  let value: unknown;
  try {
    value = await compiled.expression.evaluate(undefined, bindings);
  } catch (e) {
    if (e instanceof StatesError)
      throw queryEvaluationError(
        `An error occurred while evaluating the expression '${compiled.source}': ${e.cause}`,
      );
    throw queryEvaluationError(
      `An error occurred while evaluating the expression '${compiled.source}': ${(e as Error).message}`,
    );
  }
  return normalise(value, compiled.source);
}

/**
 * Evaluates the expression written in a state's field (`Output`, `Arguments/Input/key`, `Items`);
 * an expression that yields nothing fails the state with AWS's States.QueryEvaluationError.
 */
export async function evaluateJsonataField(
  compiled: CompiledJsonata,
  field: string,
  states: JsonataStates,
  variables: Readonly<Record<string, unknown>>,
  runtime: StepRuntime,
): Promise<unknown> {
  let value: unknown;
  try {
    value = await evaluateJsonata(compiled, states, variables, runtime);
  } catch (e) {
    // The failure happened in this field: AWS names it as the EvaluationFailed event's location.
    if (e instanceof StatesError && e.location === undefined)
      throw new StatesError(e.error, e.cause, e.inState, field);
    throw e;
  }
  if (value === undefined)
    throw queryEvaluationError(
      `The JSONata expression '${expressionText(compiled)}' specified for the field '${field}' returned nothing (undefined).`,
      field,
    );
  return value;
}

/** The expression as AWS quotes it: the text between `{%` and `%}`, trimmed. */
export function expressionText(compiled: CompiledJsonata): string {
  return compiled.source.slice(2, -2).trim();
}

// JSONata sequences carry extra flags and may hold functions; results must be plain JSON.
function normalise(value: unknown, source: string): unknown {
  if (typeof value === 'function')
    throw queryEvaluationError(`The expression '${source}' returned a function, which is not JSON.`);
  if (Array.isArray(value)) return value.map((v) => normalise(v, source));
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = normalise(v, source);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value))
    throw queryEvaluationError(`The expression '${source}' returned a non-finite number.`);
  return value;
}
