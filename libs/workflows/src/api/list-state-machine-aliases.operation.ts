import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { aliasArn } from '../domain/state-machine-ref';
import {
  invalidArn,
  resourceNotFound,
  stateMachineDeleting,
  stateMachineTargetOf,
} from '../errors/sfn-errors';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { nextTokenOf, pageSize, pageStart } from './sfn-pages';
import type { SfnOperation } from './sfn-operation';

/**
 * ListStateMachineAliases: a machine's aliases in name order, a page at a time; given a version
 * ARN, the aliases that route to that version.
 */
@Injectable()
export class ListStateMachineAliasesOperation implements SfnOperation<'ListStateMachineAliases'> {
  readonly name = 'ListStateMachineAliases';

  constructor(
    private readonly store: StateMachineStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.ListStateMachineAliasesInput) {
    const target = stateMachineTargetOf(input.stateMachineArn, this.options.region);
    if (target.kind === 'alias') throw invalidArn(input.stateMachineArn);
    const now = this.clock.now();
    const after = pageStart(input.nextToken, now);
    const machine = await this.store.get(target.machine);
    if (machine.status === 'DELETING') throw stateMachineDeleting(input.stateMachineArn);
    if (target.kind === 'version' && !(await this.store.versions(target.machine, [target.version]))[0])
      throw resourceNotFound();
    const size = pageSize(input.maxResults);
    const aliases = (await this.store.aliases(target.machine)).filter(
      (a) =>
        (after === undefined || a.name > after) &&
        (target.kind !== 'version' || a.routing.some((r) => r.version === target.version)),
    );
    return {
      stateMachineAliases: aliases.slice(0, size).map((a) => ({
        stateMachineAliasArn: aliasArn(target.machine, a.name),
        creationDate: new Date(a.created),
      })),
      nextToken: nextTokenOf(
        aliases.slice(0, size + 1).map((a) => a.name),
        size,
        now,
      ),
    };
  }
}
