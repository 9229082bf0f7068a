import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { aliasArn, versionArn } from '../domain/state-machine-ref';
import { aliasOf, resourceNotFound } from '../errors/sfn-errors';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/** DescribeStateMachineAlias: an alias's description, routing and dates. */
@Injectable()
export class DescribeStateMachineAliasOperation implements SfnOperation<'DescribeStateMachineAlias'> {
  readonly name = 'DescribeStateMachineAlias';

  constructor(
    private readonly store: StateMachineStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DescribeStateMachineAliasInput) {
    const { machine, alias } = aliasOf(input.stateMachineAliasArn, this.options.region);
    const stored = await this.store.alias(machine, alias);
    if (!stored) throw resourceNotFound();
    return {
      stateMachineAliasArn: aliasArn(machine, alias),
      name: alias,
      ...(stored.description !== undefined ? { description: stored.description } : {}),
      routingConfiguration: stored.routing.map((r) => ({
        stateMachineVersionArn: versionArn(machine, r.version),
        weight: r.weight,
      })),
      creationDate: new Date(stored.created),
      updateDate: new Date(stored.updated),
    };
  }
}
