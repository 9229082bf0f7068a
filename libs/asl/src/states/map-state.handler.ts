import { MapState } from '../definition/compiled.types';
import { ErrorNames, queryEvaluationError, runtimeError, StatesError } from '../errors/states-error';
import { jsonTypeName } from '../json/json.types';
import { JsonataStates } from '../jsonata/jsonata-expression';
import { evaluateJsonataTemplate } from '../jsonata/jsonata-template';
import { applyDataPath } from '../processing/json-path-io';
import { resolveInteger, resolvePercentage } from '../step/dynamic-value';
import { StepContext } from '../step/step-context';
import {
  effectiveInput,
  evaluateTemplate,
  jsonataResult,
  jsonataStates,
  jsonPathResult,
  leaveState,
} from '../step/state-pipeline';
import { ForkedRun, IterationOutcome, Transition } from '../step/transition.types';

/**
 * Map: runs the item processor once per item (or per batch) and joins the outputs into an array.
 * A Distributed Map may first read its items through an ItemReader and finally hand its results
 * to a ResultWriter; both are performed by the caller.
 */
export async function mapStateHandler(ctx: StepContext): Promise<Transition> {
  const state = ctx.state as MapState;
  const pending = ctx.request.pending;
  const jsonata = state.queryLanguage === 'JSONata';
  const effective = jsonata ? ctx.request.input : effectiveInput(ctx);

  if (pending?.type === 'map')
    return joinIterations(ctx, state, effective, pending.iterations, pending.mapRunArn);
  if (pending?.type === 'written') {
    if ('error' in pending) {
      ctx.failedEvent = 'MapStateFailed';
      throw new StatesError(ErrorNames.ResultWriterFailed, pending.cause || pending.error);
    }
    ctx.emit('MapStateSucceeded');
    return finishMap(ctx, state, pending.output);
  }
  if (pending?.type === 'items') {
    if ('error' in pending) {
      ctx.failedEvent = 'MapStateFailed';
      throw new StatesError(ErrorNames.ItemReaderFailed, pending.cause || pending.error);
    }
    if (!Array.isArray(pending.items))
      throw new StatesError(ErrorNames.ItemReaderFailed, 'The ItemReader did not return an array of items.');
    const maxItems = state.itemReader?.maxItems
      ? await resolveInteger(state.itemReader.maxItems, ctx.env(effective), jsonataStates(ctx), 'MaxItems')
      : undefined;
    const items = maxItems ? pending.items.slice(0, maxItems) : pending.items;
    return fork(ctx, state, effective, items);
  }

  if (!ctx.isRetry) ctx.emit('MapStateEntered', { name: state.name, input: ctx.request.input });
  const states = jsonataStates(ctx);
  // A redriven Distributed Map run keeps the items it read: they are not read (or drained) again.
  if (state.itemReader && redrivenRun(ctx, state)) {
    ctx.emit('MapStateStarted', { length: 0 });
    return fork(ctx, state, effective, []);
  }
  if (state.itemReader) {
    const reader = state.itemReader;
    const parameters = reader.parameters
      ? await evaluateTemplate(ctx, reader.parameters, effective, states)
      : {};
    // AWS records MapStateStarted with length 0 before it reads the items, and fails a bad MaxItemsPath after it.
    ctx.emit('MapStateStarted', { length: 0 });
    const maxItems = reader.maxItems
      ? await resolveInteger(reader.maxItems, ctx.env(effective), states, 'MaxItems')
      : undefined;
    return {
      type: 'read-items',
      reader: {
        resource: reader.resource,
        parameters,
        readerConfig: reader.readerConfig,
        ...(maxItems !== undefined ? { maxItems } : {}),
      },
      events: ctx.events,
    };
  }
  const items = await resolveItems(ctx, state, effective, states);
  return fork(ctx, state, effective, items);
}

/**
 * The items to iterate over, worded as AWS words a value that is not an array (recorded against
 * AWS): a JSONata Items expression "returned an unexpected result type", a JSONata Map without
 * Items says "Map state input must be an array but was: …" (both States.QueryEvaluationError);
 * an ItemsPath that selects nothing is an invalid path (States.Runtime).
 */
async function resolveItems(
  ctx: StepContext,
  state: MapState,
  effective: unknown,
  states: JsonataStates,
): Promise<unknown[]> {
  let items: unknown;
  if (state.queryLanguage === 'JSONata') {
    if (!state.items) {
      if (Array.isArray(effective)) return effective;
      // Recorded against AWS: an EvaluationFailed that names no field, then MapStateFailed.
      ctx.failedEvent = 'MapStateFailed';
      throw queryEvaluationError(
        `Map state input must be an array but was: ${JSON.stringify(effective ?? null)}`,
        '',
      );
    }
    items = await evaluateJsonataTemplate(state.items, states, ctx.variables, ctx.runtime);
    if (Array.isArray(items)) return items;
    if (state.items.kind === 'expr') {
      const expr = state.items.expr.source
        .replace(/^\s*\{%/, '')
        .replace(/%\}\s*$/, '')
        .trim();
      throw queryEvaluationError(
        `The JSONata expression '${expr}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${jsonTypeName(items)}' for value: ${JSON.stringify(items ?? null)}`,
      );
    }
  } else if (state.itemsPath) {
    items = applyDataPath(state.itemsPath, effective, ctx.env(effective), 'ItemsPath');
  } else items = effective;
  if (!Array.isArray(items)) {
    throw runtimeError(
      `Items of the Map state '${state.name}' must be a JSON array, but got ${JSON.stringify(items ?? null)}.`,
    );
  }
  return items;
}

async function fork(
  ctx: StepContext,
  state: MapState,
  effective: unknown,
  items: unknown[],
): Promise<Transition> {
  const env = ctx.env(effective);
  const states = jsonataStates(ctx);
  // AWS reads MaxConcurrencyPath before MapStateStarted, the tolerated failure thresholds after it.
  const maxConcurrency = (await resolveInteger(state.maxConcurrency, env, states, 'MaxConcurrency')) ?? 0;

  const selected: unknown[] = [];
  for (let index = 0; index < items.length; index++) {
    const value = items[index];
    if (!state.itemSelector) {
      selected.push(value);
      continue;
    }
    const context = { ...ctx.request.context, Map: { Item: { Index: index, Value: value } } };
    const itemStates = { ...states, context };
    selected.push(await evaluateTemplate(ctx, state.itemSelector, effective, itemStates, undefined, context));
  }
  const inputs = state.itemBatcher ? await batch(ctx, state, effective, selected) : selected;

  const processor = ctx.machine.scopes.get(state.processor)!;
  const variables = processor.isolated ? {} : { ...ctx.variables };
  const runs: ForkedRun[] = inputs.map((input) => ({
    scope: processor.id,
    startAt: processor.startAt,
    input,
    variables,
  }));
  // A Map with an ItemReader recorded MapStateStarted before it read its items.
  if (!state.itemReader) ctx.emit('MapStateStarted', { length: runs.length });
  const toleratedFailureCount = await resolveInteger(
    state.toleratedFailureCount,
    env,
    states,
    'ToleratedFailureCount',
  );
  const toleratedFailurePercentage = await resolvePercentage(state.toleratedFailurePercentage, env, states);
  const redriven = redrivenRun(ctx, state);
  const redriveCount = ctx.request.redriveMapRunCount ?? 1;
  // AWS's hard limit: a Map Run is redriven at most 1,000 times, then the redrive fails the state.
  if (redriven && redriveCount > MAX_MAP_RUN_REDRIVES)
    throw runtimeError(
      `The Map Run '${redriven}' has been redriven ${MAX_MAP_RUN_REDRIVES} times, the most a Map Run can be.`,
    );
  const runArn = state.mode === 'DISTRIBUTED' ? (redriven ?? mapRunArn(ctx, state)) : undefined;
  if (redriven)
    ctx.emit('MapRunRedriven', {
      mapRunArn: redriven,
      redriveCount,
    });
  else if (runArn) ctx.emit('MapRunStarted', { mapRunArn: runArn });
  if (runs.length === 0 && !redriven) return joinIterations(ctx, state, effective, []);
  return {
    type: 'map',
    map: {
      mode: state.mode,
      scope: processor.id,
      startAt: processor.startAt,
      runs,
      maxConcurrency,
      ...(toleratedFailureCount !== undefined ? { toleratedFailureCount } : {}),
      ...(toleratedFailurePercentage !== undefined ? { toleratedFailurePercentage } : {}),
      ...(state.label !== undefined ? { label: state.label } : {}),
      ...(state.executionType !== undefined ? { executionType: state.executionType } : {}),
      ...(runArn ? { mapRunArn: runArn } : {}),
      ...(redriven ? { redriven: true } : {}),
    },
    events: ctx.events,
  };
}

/** How many times a Distributed Map's run can be redriven (AWS's hard limit). */
const MAX_MAP_RUN_REDRIVES = 1000;

/** The run a redrive of the execution enters this Distributed Map state again to redrive, if any. */
function redrivenRun(ctx: StepContext, state: MapState): string | undefined {
  return state.mode === 'DISTRIBUTED' ? ctx.request.redriveMapRunArn : undefined;
}

/**
 * The ARN AWS gives a Distributed Map's run, as MapRunStarted records it: the state machine's ARN
 * as a `mapRun`, then the run's label (a generated id without a Label) and the run's own id.
 */
function mapRunArn(ctx: StepContext, state: MapState): string {
  const machine = ctx.request.context.StateMachine.Id.replace(':stateMachine:', ':mapRun:');
  return `${machine}/${state.label ?? ctx.runtime.uuid()}:${ctx.runtime.uuid()}`;
}

async function batch(
  ctx: StepContext,
  state: MapState,
  effective: unknown,
  items: unknown[],
): Promise<unknown[]> {
  const b = state.itemBatcher!;
  const env = ctx.env(effective);
  const states = jsonataStates(ctx);
  const maxItems =
    (await resolveInteger(b.maxItemsPerBatch, env, states, 'MaxItemsPerBatch', true)) ?? Infinity;
  const maxBytes =
    (await resolveInteger(b.maxInputBytesPerBatch, env, states, 'MaxInputBytesPerBatch', true)) ?? 256 * 1024;
  const batchInput = b.batchInput ? await evaluateTemplate(ctx, b.batchInput, effective, states) : undefined;
  const batches: unknown[] = [];
  let current: unknown[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item) ?? 'null', 'utf8');
    if (current.length > 0 && (current.length >= maxItems || bytes + size > maxBytes)) {
      batches.push(batchOf(current, batchInput));
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(batchOf(current, batchInput));
  return batches;
}

function batchOf(items: unknown[], batchInput: unknown): unknown {
  return batchInput === undefined ? { Items: items } : { BatchInput: batchInput, Items: items };
}

async function joinIterations(
  ctx: StepContext,
  state: MapState,
  effective: unknown,
  iterations: IterationOutcome[],
  mapRunArn?: string,
): Promise<Transition> {
  const failures = iterations.filter(
    (i): i is Extract<IterationOutcome, { status: 'FAILED' }> => i.status === 'FAILED',
  );
  if (state.mode === 'INLINE' && failures.length > 0) {
    ctx.failedEvent = 'MapStateFailed';
    // An iteration that ended in a Fail state without an Error fails the Map without one (as AWS records it).
    throw new StatesError(failures[0].error, failures[0].cause);
  }
  if (
    state.mode === 'DISTRIBUTED' &&
    failures.length > 0 &&
    (await exceedsTolerance(ctx, state, effective, failures.length, iterations.length))
  ) {
    ctx.emit('MapRunFailed', { error: ErrorNames.ExceedToleratedFailureThreshold });
    ctx.failedEvent = 'MapStateFailed';
    throw new StatesError(
      ErrorNames.ExceedToleratedFailureThreshold,
      `The specified tolerated failure threshold was exceeded: ${failures.length} of ${iterations.length} items failed.`,
    );
  }
  const results = iterations.map((i) =>
    i.status === 'SUCCEEDED' ? i.output : { Error: i.error, Cause: i.cause },
  );
  if (state.mode === 'DISTRIBUTED') ctx.emit('MapRunSucceeded');
  if (state.resultWriter) {
    const writer = state.resultWriter;
    const parameters = writer.parameters
      ? await evaluateTemplate(ctx, writer.parameters, effective, jsonataStates(ctx))
      : {};
    return {
      type: 'write-results',
      writer: {
        resource: writer.resource,
        parameters,
        writerConfig: writer.writerConfig,
        ...(mapRunArn ? { mapRunArn } : {}),
      },
      results,
      events: ctx.events,
    };
  }
  ctx.emit('MapStateSucceeded');
  return finishMap(ctx, state, results);
}

/** Either threshold that is set can be exceeded; with neither set, one failure is too many. */
async function exceedsTolerance(
  ctx: StepContext,
  state: MapState,
  effective: unknown,
  failed: number,
  total: number,
): Promise<boolean> {
  const env = ctx.env(effective);
  const states = jsonataStates(ctx);
  const count = await resolveInteger(state.toleratedFailureCount, env, states, 'ToleratedFailureCount');
  const pct = await resolvePercentage(state.toleratedFailurePercentage, env, states);
  if (count === undefined && pct === undefined) return true;
  if (count !== undefined && failed > count) return true;
  return pct !== undefined && (failed / total) * 100 > pct;
}

async function finishMap(ctx: StepContext, state: MapState, result: unknown): Promise<Transition> {
  const { output, variables } =
    state.queryLanguage === 'JSONata'
      ? await jsonataResult(ctx, result, result, state.output, state.assign)
      : await jsonPathResult(ctx, result);
  return leaveState(ctx, output, variables);
}
