import { Inject, Injectable } from '@nestjs/common';
import { type OperationContext, type Sfn } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { activityArn } from '../domain/state-machine-ref';

import { checkName } from '../errors/sfn-errors';
import { ActivityStore } from '../store/activity.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';
import { tagRecord } from './state-machine-input';

/** CreateActivity: idempotent by name, as on AWS (tags of a repeated create are ignored). */
@Injectable()
export class CreateActivityOperation implements SfnOperation<'CreateActivity'> {
  readonly name = 'CreateActivity';

  constructor(
    private readonly store: ActivityStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.CreateActivityInput, ctx: OperationContext) {
    checkName(input.name);
    const ref = { accountId: ctx.accountId, region: this.options.region, name: input.name };
    const created = await this.store.create(ref, tagRecord(input.tags), this.clock.now());
    return { activityArn: activityArn(ref), creationDate: new Date(created) };
  }
}
