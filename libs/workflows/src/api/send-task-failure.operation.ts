import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { ExecutionUpdates } from '../domain/execution-updates';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';
import { answerTask } from './task-token';

/** SendTaskFailure: the task a token was issued for fails with `error` and `cause` (Retry and Catch apply). */
@Injectable()
export class SendTaskFailureOperation implements SfnOperation<'SendTaskFailure'> {
  readonly name = 'SendTaskFailure';

  constructor(
    private readonly store: ExecutionStore,
    private readonly updates: ExecutionUpdates,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.SendTaskFailureInput) {
    await answerTask(this.store, this.updates, input.taskToken, this.options.region, {
      type: 'task',
      error: input.error ?? '',
      cause: input.cause ?? '',
    });
    return {};
  }
}
