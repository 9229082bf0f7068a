import { Inject, Injectable } from '@nestjs/common';
import type { OperationContext, Sfn } from '@switchyard/aws-wire';
import { activityArn } from '../domain/state-machine-ref';
import { ActivityStore } from '../store/activity.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { nextTokenOf, pageSize, pageStart } from './sfn-pages';
import type { SfnOperation } from './sfn-operation';
import { Clock } from '@switchyard/runtime';

/** ListActivities: the account's activities in name order, a page at a time. */
@Injectable()
export class ListActivitiesOperation implements SfnOperation<'ListActivities'> {
  readonly name = 'ListActivities';

  constructor(
    private readonly store: ActivityStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.ListActivitiesInput, ctx: OperationContext) {
    const size = pageSize(input.maxResults);
    const names = await this.store.listNames(
      ctx.accountId,
      pageStart(input.nextToken, this.clock.now()),
      size + 1,
    );
    const activities: Sfn.ActivityListItem[] = [];
    for (const name of names.slice(0, size)) {
      const ref = { accountId: ctx.accountId, region: this.options.region, name };
      const created = await this.store.created(ref).catch(() => undefined);
      if (created !== undefined)
        activities.push({ activityArn: activityArn(ref), name, creationDate: new Date(created) });
    }
    return { activities, nextToken: nextTokenOf(names, size, this.clock.now()) };
  }
}
