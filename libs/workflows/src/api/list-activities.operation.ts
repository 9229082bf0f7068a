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
    const refs = names
      .slice(0, size)
      .map((name) => ({ accountId: ctx.accountId, region: this.options.region, name }));
    // Read together, in one round trip.
    const created = await Promise.all(refs.map((ref) => this.store.created(ref).catch(() => undefined)));
    const activities: Sfn.ActivityListItem[] = [];
    for (const [i, ref] of refs.entries()) {
      const at = created[i];
      if (at !== undefined)
        activities.push({ activityArn: activityArn(ref), name: ref.name, creationDate: new Date(at) });
    }
    return { activities, nextToken: nextTokenOf(names, size, this.clock.now()) };
  }
}
