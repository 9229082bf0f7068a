import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { ExecutionEngine } from '@switchyard/asl';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { CompiledMachines } from '../domain/compiled-machines';
import { engineRuntime, parseState, storedState } from '../domain/standard-execution';
import { storeEvent } from '../domain/stored-event';
import { executionOf, SfnErrors } from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { loadExecution } from './describe-execution.operation';
import type { SfnOperation } from './sfn-operation';

/** How long after it stopped an execution may be redriven (AWS: 14 days). */
export const REDRIVE_WINDOW_MS = 14 * 24 * 3600 * 1000;
const ATTEMPTS = 20;

/**
 * RedriveExecution: a FAILED, ABORTED or TIMED_OUT Standard execution runs again, under the same
 * ARN, from the top-level state that did not succeed, after an ExecutionRedriven event; a repeated
 * request with the same clientToken answers the same redrive.
 */
@Injectable()
export class RedriveExecutionOperation implements SfnOperation<'RedriveExecution'> {
  readonly name = 'RedriveExecution';

  constructor(
    private readonly store: ExecutionStore,
    private readonly compiled: CompiledMachines,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.RedriveExecutionInput) {
    const ref = executionOf(input.executionArn, this.options.region);
    for (let attempt = 0; ; attempt++) {
      const stored = await loadExecution(this.store, input.executionArn, this.options.region);
      const f = stored.fields;
      if (input.clientToken !== undefined && f.redriveToken === input.clientToken && f.redriveDate)
        return { redriveDate: new Date(Number(f.redriveDate)) };
      if (f.status === 'RUNNING' || f.status === 'SUCCEEDED')
        throw notRedrivable(`Execution is ${f.status} and cannot be redriven`);
      const now = this.clock.now();
      if (now - Number(f.stopped) > REDRIVE_WINDOW_MS)
        throw notRedrivable('Execution can no longer be redriven: it stopped more than 14 days ago');
      const state = parseState(f.state);
      const engine = new ExecutionEngine(await this.compiled.ofExecution(f), engineRuntime(this.clock));
      const adv = engine.redrive(state);
      if (!adv) throw notRedrivable('Execution cannot be redriven: it failed before its first state');
      try {
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
            redriveToken: input.clientToken ?? '',
          },
          adv.events.map((e) => storeEvent(e, now)),
        );
      } catch (e) {
        if (e instanceof StoreError && e.code === 'STALE' && attempt < ATTEMPTS) continue;
        throw e;
      }
      await this.store.enqueue({
        kind: 'run',
        accountId: ref.machine.accountId,
        machine: ref.machine.name,
        execution: ref.name,
      });
      return { redriveDate: new Date(now) };
    }
  }
}

function notRedrivable(message: string): AwsError {
  return new AwsError(SfnErrors.ExecutionNotRedrivable, message);
}
