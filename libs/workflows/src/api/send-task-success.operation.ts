import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { ExecutionUpdates } from '../domain/execution-updates';
import { SfnErrors } from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';
import { answerTask } from './task-token';

/** SendTaskSuccess: the task a token was issued for succeeds with `output`; its execution goes on. */
@Injectable()
export class SendTaskSuccessOperation implements SfnOperation<'SendTaskSuccess'> {
  readonly name = 'SendTaskSuccess';

  constructor(
    private readonly store: ExecutionStore,
    private readonly updates: ExecutionUpdates,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.SendTaskSuccessInput) {
    let output: unknown;
    try {
      output = JSON.parse(input.output) as unknown;
    } catch (e) {
      throw new AwsError(SfnErrors.InvalidOutput, `Invalid Output: '${(e as Error).message}'`);
    }
    await answerTask(this.store, this.updates, input.taskToken, this.options.region, {
      type: 'task',
      output,
    });
    return {};
  }
}
