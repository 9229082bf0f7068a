import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { activityArn } from '../domain/state-machine-ref';
import { activityDoesNotExist, activityOf } from '../errors/sfn-errors';
import { ActivityStore } from '../store/activity.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/** DescribeActivity: the activity's name and creation date. */
@Injectable()
export class DescribeActivityOperation implements SfnOperation<'DescribeActivity'> {
  readonly name = 'DescribeActivity';

  constructor(
    private readonly store: ActivityStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DescribeActivityInput) {
    const ref = activityOf(input.activityArn, this.options.region);
    const created = await this.store.created(ref).catch((e: unknown) => {
      if (e instanceof StoreError && e.code === 'NOT_FOUND') throw activityDoesNotExist(input.activityArn);
      throw e;
    });
    return { activityArn: activityArn(ref), name: ref.name, creationDate: new Date(created) };
  }
}
