import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { ExecutionUpdates } from '../domain/execution-updates';
import { executionOf } from '../errors/sfn-errors';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { loadExecution } from './describe-execution.operation';
import { ExecutionStore } from '../store/execution.store';
import type { SfnOperation } from './sfn-operation';

/**
 * StopExecution: a running execution ends ABORTED with an ExecutionAborted event; one that has
 * ended answers the time it stopped.
 */
@Injectable()
export class StopExecutionOperation implements SfnOperation<'StopExecution'> {
  readonly name = 'StopExecution';

  constructor(
    private readonly store: ExecutionStore,
    private readonly updates: ExecutionUpdates,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.StopExecutionInput) {
    await loadExecution(this.store, input.executionArn, this.options.region, []);
    const details: { error?: string; cause?: string } = {};
    if (input.error !== undefined) details.error = input.error;
    if (input.cause !== undefined) details.cause = input.cause;
    const { stored } = await this.updates.apply(
      executionOf(input.executionArn, this.options.region),
      (engine, state) => engine.end(state, 'ExecutionAborted', details),
    );
    return { stopDate: new Date(Number(stored.fields.stopped)) };
  }
}
