import { Inject, Injectable } from '@nestjs/common';
import type { OperationContext, Sfn } from '@switchyard/aws-wire';
import { stateMachineArn } from '../domain/state-machine-ref';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { nextTokenOf, pageSize, pageStart } from './sfn-pages';
import type { SfnOperation } from './sfn-operation';
import { Clock } from '@switchyard/runtime';

/** ListStateMachines: the account's machines in name order, a page at a time. */
@Injectable()
export class ListStateMachinesOperation implements SfnOperation<'ListStateMachines'> {
  readonly name = 'ListStateMachines';

  constructor(
    private readonly store: StateMachineStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.ListStateMachinesInput, ctx: OperationContext) {
    const size = pageSize(input.maxResults);
    const names = await this.store.listNames(
      ctx.accountId,
      pageStart(input.nextToken, this.clock.now()),
      size + 1,
    );
    const machines = await Promise.all(
      names
        .slice(0, size)
        .map((name) =>
          this.store
            .get({ accountId: ctx.accountId, region: this.options.region, name })
            .catch(() => undefined),
        ),
    );
    const stateMachines: Sfn.StateMachineListItem[] = [];
    for (const m of machines)
      if (m)
        stateMachines.push({
          stateMachineArn: stateMachineArn(m.ref),
          name: m.ref.name,
          type: m.type,
          creationDate: new Date(m.created),
        });
    return { stateMachines, nextToken: nextTokenOf(names, size, this.clock.now()) };
  }
}
