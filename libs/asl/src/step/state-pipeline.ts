import { AssignSpec } from '../definition/compiled.types';
import { JsonataStates } from '../jsonata/jsonata-expression';
import { evaluateJsonataTemplate, JsonataTemplate } from '../jsonata/jsonata-template';
import { assertPayloadSize } from '../json/payload-size';
import { evaluatePayloadTemplate, PayloadTemplate } from '../processing/payload-template';
import { applyDataPath, applyResultPath } from '../processing/json-path-io';
import { StepContext } from './step-context';
import { Transition } from './transition.types';

/** The `$states` binding for a JSONata evaluation in this step. */
export function jsonataStates(ctx: StepContext, extra: Partial<JsonataStates> = {}): JsonataStates {
  return { input: ctx.request.input, context: ctx.request.context, ...extra };
}

/** InputPath applied to the raw input (JSONPath states only). */
export function effectiveInput(ctx: StepContext): unknown {
  const effective = applyDataPath(ctx.state.inputPath, ctx.request.input, ctx.env(undefined), 'InputPath');
  ctx.inspect('afterInputPath', effective);
  return effective;
}

/** Evaluates a template in either language. */
export async function evaluateTemplate(
  ctx: StepContext,
  template: PayloadTemplate | JsonataTemplate,
  jsonPathInput: unknown,
  states: JsonataStates,
  failure?: string,
  context?: unknown,
): Promise<unknown> {
  if (ctx.state.queryLanguage === 'JSONata') {
    return evaluateJsonataTemplate(template as JsonataTemplate, states, ctx.variables, ctx.runtime);
  }
  return evaluatePayloadTemplate(template as PayloadTemplate, ctx.env(jsonPathInput, context), failure);
}

/**
 * Computes Assign. Every expression sees the variables as they were when the state started, so
 * assignments within one state never see each other.
 */
export async function evaluateAssign(
  ctx: StepContext,
  assign: AssignSpec | undefined,
  jsonPathInput: unknown,
  states: JsonataStates,
): Promise<Record<string, unknown>> {
  if (!assign) return ctx.variables;
  const values =
    assign.kind === 'jsonata'
      ? await evaluateJsonataTemplate(assign.template, states, ctx.variables, ctx.runtime)
      : evaluatePayloadTemplate(assign.template, ctx.env(jsonPathInput));
  assertPayloadSize(values, ctx.state.name);
  ctx.assigned = values as Record<string, unknown>;
  const variables = { ...ctx.variables, ...ctx.assigned };
  ctx.inspect('variables', variables);
  return variables;
}

/**
 * The JSONPath result pipeline: ResultSelector, Assign (seeing the selected result), ResultPath
 * over the raw input, then OutputPath.
 */
export async function jsonPathResult(
  ctx: StepContext,
  result: unknown,
  options: { resultSelector?: boolean } = {},
): Promise<{ output: unknown; variables: Record<string, unknown> }> {
  const state = ctx.state;
  ctx.inspect('result', result);
  const selected =
    options.resultSelector !== false && state.resultSelector
      ? evaluatePayloadTemplate(state.resultSelector, ctx.env(result))
      : result;
  if (options.resultSelector !== false && state.resultSelector) ctx.inspect('afterResultSelector', selected);
  const variables = await evaluateAssign(ctx, state.assign, selected, jsonataStates(ctx));
  const combined = applyResultPath(state.resultPath, ctx.request.input, selected);
  ctx.inspect('afterResultPath', combined);
  const output = applyDataPath(state.outputPath, combined, ctx.env(undefined), 'OutputPath');
  return { output, variables };
}

/** The JSONata result pipeline: Output (default: `fallback`) and Assign, both seeing `$states.result`. */
export async function jsonataResult(
  ctx: StepContext,
  result: unknown,
  fallback: unknown,
  output?: JsonataTemplate,
  assign?: AssignSpec,
  extra: Partial<JsonataStates> = {},
): Promise<{ output: unknown; variables: Record<string, unknown> }> {
  const states = jsonataStates(ctx, { result, ...extra });
  if (result !== undefined) ctx.inspect('result', result);
  const out = output ? await evaluateJsonataTemplate(output, states, ctx.variables, ctx.runtime) : fallback;
  const variables = await evaluateAssign(ctx, assign, undefined, states);
  return { output: out, variables };
}

/** Ends the state: its Exited event, then a move to Next or the end of its (sub)machine. */
export function leaveState(
  ctx: StepContext,
  output: unknown,
  variables: Record<string, unknown>,
  next = ctx.state.next,
): Transition {
  assertPayloadSize(output, ctx.state.name);
  if (ctx.state.type !== 'Fail') exitState(ctx, output);
  if (next !== undefined) return { type: 'next', next, output, variables, events: ctx.events };
  return succeedScope(ctx, output);
}

/** Records the state's `…StateExited` event, with the variables its Assign set, as AWS does. */
export function exitState(ctx: StepContext, output: unknown): void {
  const details: Record<string, unknown> = { name: ctx.state.name, output };
  if (ctx.assigned) details.assignedVariables = ctx.assigned;
  ctx.emit(`${ctx.state.type}StateExited` as 'PassStateExited', details);
}

/** The (sub)machine ended successfully with `output`. */
export function succeedScope(ctx: StepContext, output: unknown): Transition {
  if (ctx.isRoot) ctx.emit('ExecutionSucceeded', { output }, false);
  return { type: 'succeed', output, events: ctx.events };
}

/** The (sub)machine failed. */
export function failScope(ctx: StepContext, error: string, cause: string): Transition {
  // A Fail state may leave out Error and Cause: AWS's ExecutionFailed then has neither.
  if (ctx.isRoot)
    ctx.emit(
      'ExecutionFailed',
      { error: error === '' ? undefined : error, cause: cause === '' ? undefined : cause },
      false,
    );
  return { type: 'fail', error, cause, events: ctx.events };
}
