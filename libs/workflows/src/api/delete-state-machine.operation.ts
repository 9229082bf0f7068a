import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { stateMachineOf } from '../errors/sfn-errors';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/**
 * DeleteStateMachine, asynchronous as AWS's: the machine turns DELETING at once (no new executions
 * start), its running executions are ended by the executors, and then it is deleted. Deleting one
 * that does not exist is no error.
 */
@Injectable()
export class DeleteStateMachineOperation implements SfnOperation<'DeleteStateMachine'> {
  readonly name = 'DeleteStateMachine';

  constructor(
    private readonly store: StateMachineStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DeleteStateMachineInput) {
    await this.store.markDeleting(stateMachineOf(input.stateMachineArn, this.options.region));
    return {};
  }
}
