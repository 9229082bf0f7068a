import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { activityOf } from '../errors/sfn-errors';
import { ActivityStore } from '../store/activity.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/** DeleteActivity: removes the activity and the tasks waiting for its workers; no error when there is none. */
@Injectable()
export class DeleteActivityOperation implements SfnOperation<'DeleteActivity'> {
  readonly name = 'DeleteActivity';

  constructor(
    private readonly store: ActivityStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DeleteActivityInput) {
    await this.store.delete(activityOf(input.activityArn, this.options.region));
    return {};
  }
}
