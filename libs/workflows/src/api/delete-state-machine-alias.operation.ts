import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { aliasOf } from '../errors/sfn-errors';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/**
 * DeleteStateMachineAlias: the alias starts no more executions (the versions it routed to stay). An
 * alias that does not exist is no error, as on AWS.
 */
@Injectable()
export class DeleteStateMachineAliasOperation implements SfnOperation<'DeleteStateMachineAlias'> {
  readonly name = 'DeleteStateMachineAlias';

  constructor(
    private readonly store: StateMachineStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DeleteStateMachineAliasInput) {
    const { machine, alias } = aliasOf(input.stateMachineAliasArn, this.options.region);
    await this.store.deleteAlias(machine, alias);
    return {};
  }
}
