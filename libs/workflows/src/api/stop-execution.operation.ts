import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { type EngineState, ExecutionEngine } from '@switchyard/asl';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { CompiledMachines } from '../domain/compiled-machines';
import { endedFields, engineRuntime } from '../domain/standard-execution';
import { storeEvent } from '../domain/stored-event';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { loadExecution } from './describe-execution.operation';
import type { SfnOperation } from './sfn-operation';

/** Attempts at committing the stop while an executor advances the execution. */
const ATTEMPTS = 20;

/**
 * StopExecution: a running execution ends ABORTED with an ExecutionAborted event, committed against
 * its version, so the executor advancing it loses its next commit and lets it go. An execution that
 * has ended answers the time it stopped.
 */
@Injectable()
export class StopExecutionOperation implements SfnOperation<'StopExecution'> {
  readonly name = 'StopExecution';

  constructor(
    private readonly store: ExecutionStore,
    private readonly compiled: CompiledMachines,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.StopExecutionInput) {
    for (let attempt = 0; ; attempt++) {
      const stored = await loadExecution(this.store, input.executionArn, this.options.region);
      if (stored.fields.status !== 'RUNNING') return { stopDate: new Date(Number(stored.fields.stopped)) };
      const state = JSON.parse(stored.fields.state) as EngineState;
      const engine = new ExecutionEngine(
        this.compiled.of(stored.fields.definition),
        engineRuntime(this.clock),
      );
      const details: { error?: string; cause?: string } = {};
      if (input.error !== undefined) details.error = input.error;
      if (input.cause !== undefined) details.cause = input.cause;
      const adv = engine.end(state, 'ExecutionAborted', details);
      const now = this.clock.now();
      try {
        await this.store.commit(
          stored.ref,
          stored.version,
          { state: JSON.stringify(state), ...endedFields(state, now) },
          adv.events.map((e) => storeEvent(e, now)),
        );
        return { stopDate: new Date(now) };
      } catch (e) {
        if (!(e instanceof StoreError && e.code === 'STALE') || attempt >= ATTEMPTS) throw e;
      }
    }
  }
}
