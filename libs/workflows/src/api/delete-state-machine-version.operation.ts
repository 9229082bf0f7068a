import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { versionOf } from '../errors/sfn-errors';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/**
 * DeleteStateMachineVersion: forgets a version (its executions run on and stay describable; its
 * number is never given again). Refused with ConflictException while an alias routes to it; a
 * version that does not exist is no error, as on AWS.
 */
@Injectable()
export class DeleteStateMachineVersionOperation implements SfnOperation<'DeleteStateMachineVersion'> {
  readonly name = 'DeleteStateMachineVersion';

  constructor(
    private readonly store: StateMachineStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DeleteStateMachineVersionInput) {
    const { machine, version } = versionOf(input.stateMachineVersionArn);
    // Another region's version does not exist here: nothing to delete.
    if (machine.region === this.options.region) await this.store.deleteVersion(machine, version);
    return {};
  }
}
