import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { versionArn } from '../domain/state-machine-ref';
import { SfnErrors, stateMachineOf } from '../errors/sfn-errors';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { nextTokenOf, pageSize, pageStart } from './sfn-pages';
import type { SfnOperation } from './sfn-operation';

/** ListStateMachineVersions: a machine's versions, newest first, a page at a time. */
@Injectable()
export class ListStateMachineVersionsOperation implements SfnOperation<'ListStateMachineVersions'> {
  readonly name = 'ListStateMachineVersions';

  constructor(
    private readonly store: StateMachineStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.ListStateMachineVersionsInput) {
    const ref = stateMachineOf(input.stateMachineArn, this.options.region);
    const now = this.clock.now();
    const size = pageSize(input.maxResults);
    // A page starts below the last version of the one before: versions come newest (highest) first.
    const before = pageStart(input.nextToken, now);
    if (before !== undefined && !/^[1-9][0-9]*$/.test(before))
      throw new AwsError(SfnErrors.InvalidToken, `Invalid Token: '${input.nextToken}'`);
    const numbers = await this.store.versionNumbers(ref, before, size + 1);
    const versions = await this.store.versions(ref, numbers.slice(0, size));
    const stateMachineVersions: Sfn.StateMachineVersionListItem[] = [];
    for (const v of versions)
      if (v)
        stateMachineVersions.push({
          stateMachineVersionArn: versionArn(ref, v.version),
          creationDate: new Date(v.created),
        });
    return { stateMachineVersions, nextToken: nextTokenOf(numbers, size, now) };
  }
}
