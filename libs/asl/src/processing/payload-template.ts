import { runtimeError } from '../errors/states-error';
import { evaluateIntrinsic } from '../intrinsics/intrinsic.evaluator';
import { looksLikeIntrinsic, parseIntrinsic } from '../intrinsics/intrinsic.parser';
import { IntrinsicCall } from '../intrinsics/intrinsic.types';
import { isJsonObject } from '../json/json.types';
import { NOT_FOUND, selectPath } from '../jsonpath/json-path.evaluator';
import { parseJsonPath } from '../jsonpath/json-path.parser';
import { CompiledPath } from '../jsonpath/json-path.types';
import { EvalEnv } from '../step/runtime.types';

/** A compiled JSONPath payload template (Parameters, ItemSelector, ResultSelector, Assign …). */
export type PayloadTemplate =
  | { readonly kind: 'static'; readonly value: unknown }
  | { readonly kind: 'object'; readonly fields: readonly { key: string; node: PayloadTemplate }[] }
  | { readonly kind: 'array'; readonly items: readonly PayloadTemplate[] }
  | { readonly kind: 'path'; readonly path: CompiledPath; readonly field: string }
  | { readonly kind: 'intrinsic'; readonly call: IntrinsicCall; readonly field: string };

/** Compiles a dynamic value: the string of a `.$` field, which is a path or an intrinsic call. */
export function compileDynamicValue(text: string, field: string): PayloadTemplate {
  if (looksLikeIntrinsic(text)) return { kind: 'intrinsic', call: parseIntrinsic(text), field };
  return { kind: 'path', path: parseJsonPath(text), field };
}

/**
 * Compiles a payload template. Keys ending in `.$` must hold a path or an intrinsic call; the
 * suffix is dropped from the output key. Subtrees without dynamic keys compile to one static node
 * so evaluating them costs nothing.
 */
export function compilePayloadTemplate(template: unknown, where = ''): PayloadTemplate {
  if (Array.isArray(template)) {
    const items = template.map((t, i) => compilePayloadTemplate(t, `${where}[${i}]`));
    return items.every((n) => n.kind === 'static')
      ? { kind: 'static', value: template }
      : { kind: 'array', items };
  }
  if (!isJsonObject(template)) return { kind: 'static', value: template };
  const fields: { key: string; node: PayloadTemplate }[] = [];
  let dynamic = false;
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && key.length > 2) {
      if (typeof value !== 'string') {
        throw new TypeError(
          `The value for the field '${key}' must be a STRING that contains a JSONPath or an intrinsic function`,
        );
      }
      fields.push({ key: key.slice(0, -2), node: compileDynamicValue(value, key) });
      dynamic = true;
    } else {
      const node = compilePayloadTemplate(value, where ? `${where}.${key}` : key);
      if (node.kind !== 'static') dynamic = true;
      fields.push({ key, node });
    }
  }
  return dynamic ? { kind: 'object', fields } : { kind: 'static', value: template };
}

/**
 * Evaluates a compiled payload template. A `.$` path that selects nothing fails with States.Runtime
 * (AWS: "The JSONPath '$.x' specified for the field 'x.$' could not be found in the input '{}'"),
 * whichever template (Parameters, ResultSelector, ItemSelector, Assign …) holds it.
 */
export function evaluatePayloadTemplate(node: PayloadTemplate, env: EvalEnv, _failure?: string): unknown {
  switch (node.kind) {
    case 'static':
      return node.value;
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const f of node.fields) out[f.key] = evaluatePayloadTemplate(f.node, env);
      return out;
    }
    case 'array':
      return node.items.map((n) => evaluatePayloadTemplate(n, env));
    case 'intrinsic':
      return evaluateIntrinsic(node.call, env);
    case 'path': {
      const value = selectPath(node.path, env);
      if (value === NOT_FOUND) throw runtimeError(pathNotFoundDetail(node.path, node.field, env));
      return value;
    }
  }
}

/** AWS's detail for a `.$` field (or `…Path` field) whose path selects nothing. */
export function pathNotFoundDetail(path: CompiledPath, field: string, env: EvalEnv): string {
  const [where, document] =
    path.root.kind === 'input'
      ? ['input', env.input]
      : path.root.kind === 'context'
        ? ['input', env.context]
        : ['variables', env.variables];
  return `The JSONPath '${path.source}' specified for the field '${field}' could not be found in the ${where} '${JSON.stringify(document ?? null)}'`;
}
