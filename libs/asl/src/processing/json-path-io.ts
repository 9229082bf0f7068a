import { runtimeError } from '../errors/states-error';
import { NOT_FOUND, selectPath } from '../jsonpath/json-path.evaluator';
import { CompiledPath } from '../jsonpath/json-path.types';
import { placeAtPath } from '../jsonpath/reference-path';
import { EvalEnv } from '../step/runtime.types';

/**
 * InputPath / OutputPath: `undefined` means the default `$`, `null` discards the data and yields `{}`.
 */
export function applyDataPath(
  path: CompiledPath | null | undefined,
  data: unknown,
  env: Omit<EvalEnv, 'input'>,
  field: 'InputPath' | 'OutputPath' | 'ItemsPath',
): unknown {
  if (path === undefined) return data;
  if (path === null) return {};
  const value = selectPath(path, { input: data, context: env.context, variables: env.variables });
  if (value === NOT_FOUND) {
    throw runtimeError(`Invalid path '${path.source}' : No results for path: ${path.source} (${field})`);
  }
  return value;
}

/**
 * ResultPath: `undefined` means `$` (the result replaces the input), `null` discards the result and
 * keeps the raw input, a path places the result inside a copy of the raw input.
 */
export function applyResultPath(
  path: CompiledPath | null | undefined,
  rawInput: unknown,
  result: unknown,
): unknown {
  if (path === undefined) return result;
  if (path === null) return rawInput;
  return placeAtPath(rawInput, path, result);
}
