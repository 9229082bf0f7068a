import { StatesError, ErrorNames } from '../errors/states-error';
import { isJsonObject } from '../json/json.types';
import { CompiledPath } from './json-path.types';
import { JsonPathSyntaxError, parseJsonPath } from './json-path.parser';

/** Parses a Reference Path (ResultPath): a definite path over the state input, no `$$` and no variables. */
export function parseReferencePath(text: string): CompiledPath {
  const path = parseJsonPath(text, { allowVariables: false });
  if (path.root.kind !== 'input')
    throw new JsonPathSyntaxError(`Invalid Reference Path '${text}': it must start with '$.'`);
  if (!path.definite)
    throw new JsonPathSyntaxError(`Invalid Reference Path '${text}': it must select a single node`);
  return path;
}

/**
 * Returns a copy of `target` with `value` placed at the reference path. Only the objects on the
 * path are copied, so the rest of the document is shared rather than cloned.
 */
export function placeAtPath(target: unknown, path: CompiledPath, value: unknown): unknown {
  if (path.segments.length === 0) return value;
  return placeAt(target, path, 0, value);
}

function placeAt(node: unknown, path: CompiledPath, i: number, value: unknown): unknown {
  const seg = path.segments[i];
  const last = i === path.segments.length - 1;
  if (seg.kind === 'property') {
    if (!isJsonObject(node)) {
      throw new StatesError(
        ErrorNames.ResultPathMatchFailure,
        `Unable to apply ReferencePath ${path.source} to input ${JSON.stringify(node)}`,
      );
    }
    const child = Object.prototype.hasOwnProperty.call(node, seg.name) ? node[seg.name] : {};
    return { ...node, [seg.name]: last ? value : placeAt(child, path, i + 1, value) };
  }
  if (seg.kind === 'index' && Array.isArray(node) && seg.index < node.length) {
    const copy = node.slice();
    copy[seg.index] = last ? value : placeAt(node[seg.index], path, i + 1, value);
    return copy;
  }
  throw new StatesError(
    ErrorNames.ResultPathMatchFailure,
    `Unable to apply ReferencePath ${path.source} to input ${JSON.stringify(node)}`,
  );
}
