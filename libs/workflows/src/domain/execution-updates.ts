import { Injectable } from '@nestjs/common';
import { type Advance, type EngineState, ExecutionEngine } from '@switchyard/asl';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { ExecutionStore, type StoredExecution } from '../store/execution.store';
import { CompiledMachines } from './compiled-machines';
import type { ExecutionRef } from './execution-ref';
import { endedFields, engineRuntime, parseState, storedState } from './standard-execution';
import { storeEvent } from './stored-event';

/** Attempts at committing a change while an executor advances the execution. */
const ATTEMPTS = 20;

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
      try {
        await this.store.commit(
          ref,
          stored.version,
          { state: storedState(state), ...endedFields(state, now) },
          adv.events.map((e) => storeEvent(e, now)),
        );
      } catch (e) {
        if (e instanceof StoreError && e.code === 'STALE' && attempt < ATTEMPTS) continue;
        throw e;
      }
      if (state.status === 'RUNNING')
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
}
