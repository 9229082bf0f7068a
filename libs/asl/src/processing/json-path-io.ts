import { runtimeError } from '../errors/states-error';
import { isJsonObject } from '../json/json.types';
import { NOT_FOUND, selectPath } from '../jsonpath/json-path.evaluator';
import { CompiledPath, PathSegment } from '../jsonpath/json-path.types';
import { placeAtPath } from '../jsonpath/reference-path';
import { EvalEnv } from '../step/runtime.types';

/**
 * InputPath / OutputPath: `undefined` means the default `$`, `null` discards the data and yields `{}`.
 * A path that selects nothing fails with States.Runtime, worded as AWS words it.
 */
export function applyDataPath(
  path: CompiledPath | null | undefined,
  data: unknown,
  env: Omit<EvalEnv, 'input'>,
  // Kept for the callers; AWS words InputPath, OutputPath and ItemsPath failures alike.
  _field?: 'InputPath' | 'OutputPath' | 'ItemsPath',
): unknown {
  if (path === undefined) return data;
  if (path === null) return {};
  const value = selectPath(path, { input: data, context: env.context, variables: env.variables });
  if (value === NOT_FOUND) throw runtimeError(invalidPathDetail(path, data, env));
  return value;
}

/**
 * AWS's detail for a definite path (InputPath, OutputPath, ItemsPath) that selects nothing:
 * `Invalid path '$.a.b' : No results for path: $['a']['b']` when the last step is missing,
 * `Invalid path '$.a.b' : Missing property in path $['a']` when an earlier property is.
 */
export function invalidPathDetail(path: CompiledPath, data: unknown, env: Omit<EvalEnv, 'input'>): string {
  let node: unknown =
    path.root.kind === 'input'
      ? data
      : path.root.kind === 'context'
        ? env.context
        : env.variables[path.root.name];
  const rendered: string[] = [path.root.kind === 'context' ? '$$' : '$'];
  const segments = path.segments;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    rendered.push(renderSegment(seg));
    const last = i === segments.length - 1;
    if (seg.kind === 'property') {
      if (isJsonObject(node) && Object.prototype.hasOwnProperty.call(node, seg.name)) {
        node = node[seg.name];
        continue;
      }
      if (!last && isJsonObject(node))
        return `Invalid path '${path.source}' : Missing property in path ${rendered.join('')}`;
      break;
    }
    if (seg.kind === 'index' && Array.isArray(node) && seg.index < node.length) {
      node = node[seg.index];
      continue;
    }
    break;
  }
  return `Invalid path '${path.source}' : No results for path: ${[rendered[0], ...segments.map(renderSegment)].join('')}`;
}

function renderSegment(seg: PathSegment): string {
  if (seg.kind === 'property') return `['${seg.name}']`;
  if (seg.kind === 'index') return `[${seg.index}]`;
  return '';
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
