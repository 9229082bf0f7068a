import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { aliasOf, SfnErrors } from '../errors/sfn-errors';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { aliasRouting, routingOfAnotherMachine, sameMachine } from './alias-routing';
import type { SfnOperation } from './sfn-operation';

/**
 * UpdateStateMachineAlias: a new description or routing (of the alias's own machine's versions).
 * The same settings again are answered with the alias's last update time, as AWS's idempotent call.
 */
@Injectable()
export class UpdateStateMachineAliasOperation implements SfnOperation<'UpdateStateMachineAlias'> {
  readonly name = 'UpdateStateMachineAlias';

  constructor(
    private readonly store: StateMachineStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.UpdateStateMachineAliasInput) {
    const { machine, alias } = aliasOf(input.stateMachineAliasArn, this.options.region);
    if (input.description === undefined && input.routingConfiguration === undefined)
      throw new AwsError(
        SfnErrors.ValidationException,
        'Either the description or the routingConfiguration must be specified',
      );
    let routes;
    if (input.routingConfiguration !== undefined) {
      const routing = aliasRouting(input.routingConfiguration, this.options.region);
      if (!sameMachine(routing.machine, machine)) throw routingOfAnotherMachine(input.routingConfiguration);
      routes = routing.routes;
    }
    const updated = await this.store.updateAlias(
      machine,
      alias,
      { description: input.description, routing: routes },
      this.clock.now(),
    );
    return { updateDate: new Date(updated) };
  }
}
