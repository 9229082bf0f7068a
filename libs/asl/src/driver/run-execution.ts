import type { CompiledStateMachine } from '../definition/compiled.types';
import { loadDefinition } from '../definition/load-definition';
import type { EffectOutcome } from '../engine/execution-engine';
import { ExecutionEngine } from '../engine/execution-engine';
import type { Advance, EngineEffect } from '../engine/execution-engine.types';
import { ErrorNames, StatesError } from '../errors/states-error';
import type { HistoryEvent } from '../history/history-event.types';
import type { ContextObject, PendingOutcome } from '../step/transition.types';
import type { ExecutionResult, RunExecutionOptions } from './run-execution.types';

/**
 * Runs a whole execution in memory on the execution engine: steps in turn from its run queue, tasks
 * through the given handlers, Wait states and Retry delays through the caller's `sleep`, Parallel
 * branches and Map iterations side by side (an effect's outcome puts its thread back in the queue).
 */
export async function runExecution(
  definition: string | CompiledStateMachine,
  input: unknown,
  options: RunExecutionOptions,
): Promise<ExecutionResult> {
  const machine = typeof definition === 'string' ? loadDefinition(definition) : definition;
  const engine = new ExecutionEngine(machine, options);
  const { state, advance: first } = engine.start(input, options);
  const events: HistoryEvent[] = [];
  const eventTimes: number[] = [];
  const record = (recorded: readonly HistoryEvent[]) => {
    const at = options.now().getTime();
    for (const event of recorded) {
      events.push(event);
      eventTimes.push(at);
    }
  };
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const take = (adv: Advance) => {
    record(adv.events);
    for (const effect of adv.effects) {
      inFlight++;
      void perform(effect, options).then((outcome) => {
        inFlight--;
        record(engine.resume(state, effect.threadId, outcome, effect.wait).events);
        wake?.();
      });
    }
  };
  take(first);
  while (state.status === 'RUNNING') {
    if (state.runQueue.length > 0) {
      take(await engine.advance(state));
      continue;
    }
    if (inFlight === 0) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  const executionArn = state.base.Execution.Id;
  if (state.status === 'SUCCEEDED')
    return { executionArn, status: 'SUCCEEDED', output: state.output, events, eventTimes };
  return { executionArn, status: 'FAILED', error: state.error, cause: state.cause, events, eventTimes };
}

/** Performs an effect with the caller's handlers; failures become the outcome a step expects. */
async function perform(effect: EngineEffect, options: RunExecutionOptions): Promise<EffectOutcome> {
  switch (effect.type) {
    case 'timer':
      await options.sleep(effect.ms);
      return { type: 'timer' };
    case 'task':
      if (options.performTask && !options.taskHandlers?.[effect.task.resource])
        return options.performTask(effect.task, effect.context);
      return performTask(effect.task.resource, effect.task.parameters, effect.context, options);
    case 'items':
      if (!options.itemReader)
        return {
          type: 'items',
          error: ErrorNames.ItemReaderFailed,
          cause: 'No itemReader was provided to read the Map items.',
        };
      try {
        return { type: 'items', items: await options.itemReader(effect.reader) };
      } catch (e) {
        return {
          type: 'items',
          error: ErrorNames.ItemReaderFailed,
          cause: (e as Error)?.message ?? String(e),
        };
      }
    case 'written':
      if (!options.resultWriter)
        return {
          type: 'written',
          error: ErrorNames.ResultWriterFailed,
          cause: 'No resultWriter was provided to write the Map results.',
        };
      try {
        return { type: 'written', output: await options.resultWriter(effect.writer) };
      } catch (e) {
        return {
          type: 'written',
          error: ErrorNames.ResultWriterFailed,
          cause: (e as Error)?.message ?? String(e),
        };
      }
    case 'map-run':
      // This driver never asks for child executions: its Distributed Maps run as threads.
      throw new Error('the in-memory driver runs Distributed Map iterations as threads');
  }
}

async function performTask(
  resource: string,
  parameters: unknown,
  context: ContextObject,
  options: RunExecutionOptions,
): Promise<PendingOutcome> {
  const handler = options.taskHandlers?.[resource];
  if (!handler)
    return {
      type: 'task',
      error: ErrorNames.TaskFailed,
      cause: `No task handler is registered for the resource '${resource}'.`,
    };
  try {
    return { type: 'task', output: await handler(parameters, context) };
  } catch (e) {
    const err = e as { name?: unknown; message?: unknown };
    if (e instanceof StatesError) return { type: 'task', error: e.error, cause: e.cause };
    const error = typeof err?.name === 'string' ? err.name : 'Error';
    const cause = typeof err?.message === 'string' ? err.message : String(e);
    return { type: 'task', error, cause };
  }
}
