import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { executionArn } from '../domain/execution-ref';
import { stateMachineArn } from '../domain/state-machine-ref';
import { executionOf } from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { MapRunStore } from '../store/map-run.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { offsetOf, offsetToken, pageSize } from './sfn-pages';
import type { SfnOperation } from './sfn-operation';

/** ListMapRuns: the Distributed Map runs an execution started, oldest first. */
@Injectable()
export class ListMapRunsOperation implements SfnOperation<'ListMapRuns'> {
  readonly name = 'ListMapRuns';

  constructor(
    private readonly runs: MapRunStore,
    private readonly executions: ExecutionStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.ListMapRunsInput) {
    const parent = executionOf(input.executionArn, this.options.region);
    await this.executions.load(parent, ['status']);
    const size = pageSize(input.maxResults);
    const offset = offsetOf(input.nextToken, this.clock.now());
    const ids = await this.runs.listOf(parent, offset, size + 1);
    // Read together, in one round trip.
    const runs = await Promise.all(
      ids.slice(0, size).map((id) => this.runs.get(parent.machine.accountId, id)),
    );
    const mapRuns: Sfn.MapRunListItem[] = [];
    for (const run of runs) {
      if (!run) continue;
      mapRuns.push({
        executionArn: executionArn(parent),
        mapRunArn: run.arn,
        stateMachineArn: stateMachineArn(parent.machine),
        startDate: new Date(Number(run.started)),
        ...(run.stopped ? { stopDate: new Date(Number(run.stopped)) } : {}),
      });
    }
    return {
      mapRuns,
      nextToken: ids.length > size ? offsetToken(offset + size, this.clock.now()) : undefined,
    };
  }
}
