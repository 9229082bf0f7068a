import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { aliasArn } from '../domain/state-machine-ref';
import { resourceNotFound, STATE_MACHINE } from '../errors/sfn-errors';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { aliasRouting } from './alias-routing';
import type { SfnOperation } from './sfn-operation';

/**
 * CreateStateMachineAlias: a name (`<stateMachineArn>:<name>`) that routes executions to one or two
 * versions of a machine by weight, at most 100 a machine. Idempotent as AWS's: the same description
 * and routing answer the existing alias; other settings under its name are a ConflictException.
 */
@Injectable()
export class CreateStateMachineAliasOperation implements SfnOperation<'CreateStateMachineAlias'> {
  readonly name = 'CreateStateMachineAlias';

  constructor(
    private readonly store: StateMachineStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.CreateStateMachineAliasInput) {
    const { machine, routes } = aliasRouting(input.routingConfiguration, this.options.region);
    try {
      const { creationDate } = await this.store.createAlias(
        machine,
        input.name,
        { description: input.description, routing: routes },
        this.clock.now(),
      );
      return { stateMachineAliasArn: aliasArn(machine, input.name), creationDate: new Date(creationDate) };
    } catch (e) {
      // The machine of the versions named does not exist: nor do they.
      if (e instanceof StoreError && e.entity === STATE_MACHINE && e.code === 'NOT_FOUND')
        throw resourceNotFound();
      throw e;
    }
  }
}
