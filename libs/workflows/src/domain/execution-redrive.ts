import { Injectable } from '@nestjs/common';
import { ExecutionEngine } from '@switchyard/asl';
import { Clock } from '@switchyard/runtime';
import { ExecutionStore, type StoredExecution } from '../store/execution.store';
import { CompiledMachines } from './compiled-machines';
import { engineRuntime, parseState, storedState } from './standard-execution';
import { storeEvents } from './stored-event';

/**
 * Runs a failed, aborted or timed-out Standard execution again under its ARN, from the top-level
 * state that did not succeed, after an ExecutionRedriven event: committed against the version read
 * (a StoreError STALE when it changed since) and handed to the executors. RedriveExecution does
 * this, and so does a redriven Distributed Map run for each child that did not succeed.
 */
@Injectable()
export class ExecutionRedrive {
  constructor(
    private readonly store: ExecutionStore,
    private readonly compiled: CompiledMachines,
    private readonly clock: Clock,
  ) {}

  /**
   * Redrives `stored`, writing `fields` with it; answers when it was redriven, or undefined when the
   * execution failed before its first state and cannot be.
   */
  async redrive(stored: StoredExecution, fields: Record<string, string> = {}): Promise<number | undefined> {
    const f = stored.fields;
    const state = parseState(f.state);
    const engine = new ExecutionEngine(await this.compiled.ofExecution(f), engineRuntime(this.clock));
    const adv = engine.redrive(state);
    if (!adv) return undefined;
    const now = this.clock.now();
    await this.store.commit(
      stored.ref,
      stored.version,
      {
        state: storedState(state),
        status: 'RUNNING',
        stopped: '',
        output: '',
        error: '',
        cause: '',
        redriveCount: String(state.base.Execution.RedriveCount ?? 1),
        redriveDate: String(now),
        // Its new statuses are announced again, and its end told to whoever waits on it.
        announced: '',
        ...fields,
      },
      storeEvents(adv.events, now),
    );
    await this.store.enqueue({
      kind: 'run',
      accountId: stored.ref.machine.accountId,
      machine: stored.ref.machine.name,
      execution: stored.ref.name,
    });
    return now;
  }
}
