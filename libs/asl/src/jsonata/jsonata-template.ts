import { isJsonObject } from '../json/json.types';
import { StepRuntime } from '../step/runtime.types';
import {
  CompiledJsonata,
  JsonataStates,
  compileJsonata,
  evaluateJsonataField,
  isJsonataString,
} from './jsonata-expression';

/** A compiled JSONata-state value (Arguments, Output, Assign …): JSON with `{% %}` strings anywhere inside. */
export type JsonataTemplate =
  | { readonly kind: 'static'; readonly value: unknown }
  | { readonly kind: 'expr'; readonly expr: CompiledJsonata; readonly field: string }
  | { readonly kind: 'object'; readonly fields: readonly { key: string; node: JsonataTemplate }[] }
  | { readonly kind: 'array'; readonly items: readonly JsonataTemplate[] };

/**
 * Compiles a JSONata template, parsing each `{% %}` string once. `field` names where the template
 * sits in its state (`Output`, `Arguments`); each expression remembers its own place below it
 * (`Arguments/Input/key`, `Output[1]`), which AWS names when the expression yields nothing.
 */
export function compileJsonataTemplate(value: unknown, field = ''): JsonataTemplate {
  if (isJsonataString(value)) return { kind: 'expr', expr: compileJsonata(value), field };
  if (Array.isArray(value)) {
    const items = value.map((v, i) => compileJsonataTemplate(v, `${field}[${i}]`));
    return items.every((i) => i.kind === 'static') ? { kind: 'static', value } : { kind: 'array', items };
  }
  if (isJsonObject(value)) {
    const fields = Object.entries(value).map(([key, v]) => ({
      key,
      node: compileJsonataTemplate(v, field ? `${field}/${key}` : key),
    }));
    return fields.every((f) => f.node.kind === 'static')
      ? { kind: 'static', value }
      : { kind: 'object', fields };
  }
  return { kind: 'static', value };
}

/** Evaluates a JSONata template; an expression yielding nothing fails the state, wherever it sits, as AWS does. */
export async function evaluateJsonataTemplate(
  node: JsonataTemplate,
  states: JsonataStates,
  variables: Readonly<Record<string, unknown>>,
  runtime: StepRuntime,
): Promise<unknown> {
  switch (node.kind) {
    case 'static':
      return node.value;
    case 'expr':
      return evaluateJsonataField(node.expr, node.field, states, variables, runtime);
    case 'array': {
      const out: unknown[] = [];
      for (const item of node.items)
        out.push(await evaluateJsonataTemplate(item, states, variables, runtime));
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const f of node.fields)
        out[f.key] = await evaluateJsonataTemplate(f.node, states, variables, runtime);
      return out;
    }
  }
}
