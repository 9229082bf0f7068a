import { queryEvaluationError } from '../errors/states-error';
import { isJsonObject } from '../json/json.types';
import { StepRuntime } from '../step/runtime.types';
import {
  CompiledJsonata,
  JsonataStates,
  compileJsonata,
  evaluateJsonata,
  isJsonataString,
} from './jsonata-expression';

/** A compiled JSONata-state value (Arguments, Output, Assign …): JSON with `{% %}` strings anywhere inside. */
export type JsonataTemplate =
  | { readonly kind: 'static'; readonly value: unknown }
  | { readonly kind: 'expr'; readonly expr: CompiledJsonata }
  | { readonly kind: 'object'; readonly fields: readonly { key: string; node: JsonataTemplate }[] }
  | { readonly kind: 'array'; readonly items: readonly JsonataTemplate[] };

/** Compiles a JSONata template, parsing each `{% %}` string once. */
export function compileJsonataTemplate(value: unknown): JsonataTemplate {
  if (isJsonataString(value)) return { kind: 'expr', expr: compileJsonata(value) };
  if (Array.isArray(value)) {
    const items = value.map(compileJsonataTemplate);
    return items.every((i) => i.kind === 'static') ? { kind: 'static', value } : { kind: 'array', items };
  }
  if (isJsonObject(value)) {
    const fields = Object.entries(value).map(([key, v]) => ({ key, node: compileJsonataTemplate(v) }));
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
    case 'expr': {
      const v = await evaluateJsonata(node.expr, states, variables, runtime);
      if (v === undefined)
        throw queryEvaluationError(`The JSONata expression '${node.expr.source}' returned no value.`);
      return v;
    }
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
