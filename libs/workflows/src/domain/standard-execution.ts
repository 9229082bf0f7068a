import { randomInt } from 'node:crypto';
import type { Advance, EngineState, ExecutionEngine, StepRuntime } from '@switchyard/asl';
import { nodeRuntime } from '@switchyard/asl-node';
import type { Clock } from '@switchyard/runtime';

/** What the engine takes from its host: the deployment's clock, and Node's randomness and digests. */
export function engineRuntime(clock: Clock): StepRuntime {
  const node = nodeRuntime();
  return { now: () => new Date(clock.now()), random: node.random, uuid: node.uuid, hash: node.hash };
}

/**
 * The version an execution starts at: every commit is fenced by the version it read and counts it up.
 * It starts at random (below 2^47, far from HINCRBY's limit), so that what one start stored is never
 * taken for another's: a run item carrying a start's fields commits only over that start.
 */
export function firstVersion(): string {
  return String(randomInt(1, 2 ** 47));
}

/** The fields an execution's hash gets when its state says it has ended (none while it runs). */
export function endedFields(state: EngineState, nowMs: number): Record<string, string> {
  if (state.status === 'RUNNING') return {};
  const fields: Record<string, string> = { status: state.status, stopped: String(nowMs) };
  if (state.status === 'SUCCEEDED') fields.output = JSON.stringify(state.output ?? null);
  if (state.error !== undefined) fields.error = state.error;
  if (state.cause !== undefined) fields.cause = state.cause;
  return fields;
}

/** Steps committed together at most (their events are one Lua step's arguments). */
const STEPS_PER_COMMIT = 64;

/**
 * Steps every runnable thread on until each waits (or the execution ends), at most
 * STEPS_PER_COMMIT steps: their events and the effects they ask for (tasks, timers, item reads) are
 * committed together, always before any effect is acted on, so what the world sees follows what
 * Redis holds. (A crash before the commit redoes the same steps.) The forty iterations of a Map
 * entering their tasks are one commit, not forty.
 */
export async function advanceRunnable(engine: ExecutionEngine, state: EngineState): Promise<Advance> {
  const batch: Advance = { events: [], effects: [] };
  for (let steps = 0; steps < STEPS_PER_COMMIT; steps++) {
    const adv = await engine.advance(state);
    batch.events.push(...adv.events);
    batch.effects.push(...adv.effects);
    if (state.status !== 'RUNNING' || state.runQueue.length === 0) break;
  }
  return batch;
}

/**
 * An execution's engine state as its hash keeps it. Every thread's `$$` shares the execution's
 * `Execution` and `StateMachine` members (`state.base`): they are stored once, not once a thread.
 */
export function storedState(state: EngineState): string {
  const shared: [Record<string, unknown>, unknown, unknown][] = [];
  for (const thread of Object.values(state.threads)) {
    const context = thread.context as Record<string, unknown>;
    shared.push([context, context.Execution, context.StateMachine]);
    context.Execution = undefined;
    context.StateMachine = undefined;
  }
  try {
    return JSON.stringify(state);
  } finally {
    for (const [context, execution, machine] of shared) {
      context.Execution = execution;
      context.StateMachine = machine;
    }
  }
}

/** The engine state `storedState` wrote, every thread's `$$` whole again (its members in AWS's order). */
export function parseState(text: string): EngineState {
  const state = JSON.parse(text) as EngineState;
  for (const thread of Object.values(state.threads)) {
    const { Execution: _e, StateMachine: _m, ...rest } = thread.context;
    thread.context = {
      Execution: state.base.Execution,
      StateMachine: state.base.StateMachine,
      ...rest,
    } as typeof thread.context;
  }
  return state;
}
