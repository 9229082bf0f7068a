import { DynamicValue } from '../definition/compiled.types';
import { queryEvaluationError, runtimeError } from '../errors/states-error';
import { evaluateIntrinsic } from '../intrinsics/intrinsic.evaluator';
import { evaluateJsonata, JsonataStates } from '../jsonata/jsonata-expression';
import { NOT_FOUND, selectPath } from '../jsonpath/json-path.evaluator';
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
      if (v === NOT_FOUND)
        throw runtimeError(
          `Invalid path '${value.path.source}' for the field '${value.field}': no value was found.`,
        );
      return v;
    }
    case 'jsonata':
      return evaluateJsonata(value.expr, states, env.variables, env.runtime);
  }
}

/** Resolves a field that must be a non-negative integer (a count, seconds); `positive` excludes 0. */
export async function resolveInteger(
  value: DynamicValue | undefined,
  env: EvalEnv,
  states: JsonataStates,
  name: string,
  positive = false,
): Promise<number | undefined> {
  if (!value) return undefined;
  const v = await resolveDynamic(value, env, states);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || (positive && v === 0)) {
    const fail = value.kind === 'jsonata' ? queryEvaluationError : runtimeError;
    throw fail(
      `The value of ${name} must be a ${positive ? 'positive' : 'non-negative'} integer, but was ${JSON.stringify(v)}.`,
    );
  }
  return v;
}
