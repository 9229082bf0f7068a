import { Injectable } from '@nestjs/common';
import { type Advance, type EngineState, ExecutionEngine, type PendingOutcome } from '@switchyard/asl';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { ExecutionStore, type StoredExecution, type TokenTarget } from '../store/execution.store';
import { CompiledMachines } from './compiled-machines';
import type { ExecutionRef } from './execution-ref';
import { endedFields, engineRuntime, parseState, storedState } from './standard-execution';
import { storeEvents } from './stored-event';
import { WorkflowMetrics } from './workflow-metrics';

/** Attempts at committing a change while an executor advances the execution. */
const ATTEMPTS = 20;

/**
 * Whether the thread still waits on the task (or, for `map-run`, the Distributed Map run) a token,
 * a child execution or a map run was issued for: the same wait.
 */
export function waitsOn(
  state: EngineState,
  target: Pick<TokenTarget, 'thread' | 'wait'>,
  kind: 'task' | 'map-run' = 'task',
): boolean {
  const thread = state.threads[target.thread];
  return thread?.waiting?.type === kind && (thread.waits ?? 0) === target.wait;
}

/** What a change to a running execution does: its events, or nothing (the change does not apply). */
export type ExecutionChange = (engine: ExecutionEngine, state: EngineState) => Advance | undefined;

/**
 * Changes a running execution from outside the executors (StopExecution, a task token's answer):
 * reads it, lets the engine apply the change, and commits against the version it read, again when
 * an executor committed first. An executor advancing it then loses its next commit and lets go,
 * and the execution is handed to the executors again.
 */
@Injectable()
export class ExecutionUpdates {
  constructor(
    private readonly store: ExecutionStore,
    private readonly compiled: CompiledMachines,
    private readonly clock: Clock,
    private readonly metrics: WorkflowMetrics,
  ) {}

  /**
   * Applies `change`; answers the execution as it was read and whether the change applied (false:
   * the execution had ended, or the change did not apply to it).
   */
  async apply(
    ref: ExecutionRef,
    change: ExecutionChange,
  ): Promise<{ stored: StoredExecution; applied: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const stored = await this.store.load(ref);
      if (stored.fields.status !== 'RUNNING') return { stored, applied: false };
      const state = parseState(stored.fields.state);
      const engine = new ExecutionEngine(
        await this.compiled.ofExecution(stored.fields),
        engineRuntime(this.clock),
      );
      const adv = change(engine, state);
      if (!adv) return { stored, applied: false };
      const now = this.clock.now();
      const ended = endedFields(state, now);
      try {
        await this.store.commit(
          ref,
          stored.version,
          { state: storedState(state), ...ended },
          storeEvents(adv.events, now),
        );
      } catch (e) {
        if (e instanceof StoreError && e.code === 'STALE' && attempt < ATTEMPTS) continue;
        throw e;
      }
      if (ended.status)
        this.metrics.executionEnded(ref.machine.name, ended.status, Number(stored.fields.started), now);
      // Running, the executors go on with it; ended, one of them announces the end.
      await this.store.enqueue({
        kind: 'run',
        accountId: ref.machine.accountId,
        machine: ref.machine.name,
        execution: ref.name,
      });
      return {
        stored: { ...stored, fields: { ...stored.fields, ...endedFields(state, now) } },
        applied: true,
      };
    }
  }

  /**
   * Resumes a thread waiting on a task performed elsewhere (a callback, an activity, a child
   * execution) with the task's outcome, or on a Distributed Map run with its items' outcomes. False when it waits no more (the execution ended, or the
   * task timed out or was answered before). StoreError NOT_FOUND when the execution is gone.
   */
  async answer(
    ref: ExecutionRef,
    target: Pick<TokenTarget, 'thread' | 'wait'>,
    outcome: PendingOutcome,
  ): Promise<boolean> {
    const kind = outcome.type === 'map' ? 'map-run' : 'task';
    const { applied } = await this.apply(ref, (engine, state) =>
      waitsOn(state, target, kind) ? engine.resume(state, target.thread, outcome, target.wait) : undefined,
    );
    return applied;
  }
}
