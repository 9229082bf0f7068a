import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { executionArn } from '../domain/execution-ref';
import { mapRunOf, resourceNotFound } from '../errors/sfn-errors';
import { MapRunStore, type StoredMapRun } from '../store/map-run.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/** A run's counts as DescribeMapRun answers them, for its items and (one each) their child executions. */
function counts(run: StoredMapRun): Sfn.MapRunItemCounts {
  const n = (field: string) => Number(run[field] ?? 0);
  return {
    pending: n('total') - n('launched'),
    running: n('running'),
    succeeded: n('succeeded'),
    failed: n('failed'),
    timedOut: n('timedOut'),
    aborted: n('aborted'),
    total: n('total'),
    resultsWritten: 0,
    failuresNotRedrivable: n('notRedrivable'),
    pendingRedrive: n('redriveTotal') - n('redriveTaken'),
  };
}

/** DescribeMapRun: a Distributed Map run's settings, status and counts. */
@Injectable()
export class DescribeMapRunOperation implements SfnOperation<'DescribeMapRun'> {
  readonly name = 'DescribeMapRun';

  constructor(
    private readonly runs: MapRunStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DescribeMapRunInput) {
    const { accountId, runId } = mapRunOf(input.mapRunArn, this.options.region);
    const run = await this.runs.get(accountId, runId);
    if (!run) throw resourceNotFound();
    const parent = {
      machine: { accountId, region: this.options.region, name: run.parentMachine },
      name: run.parentExecution,
    };
    return {
      mapRunArn: run.arn,
      executionArn: executionArn(parent),
      status: run.status as Sfn.MapRunStatus,
      startDate: new Date(Number(run.started)),
      ...(run.stopped ? { stopDate: new Date(Number(run.stopped)) } : {}),
      maxConcurrency: Number(run.maxConcurrency),
      toleratedFailurePercentage: Number(run.toleratedFailurePercentage || 0),
      toleratedFailureCount: Number(run.toleratedFailureCount || 0),
      itemCounts: counts(run),
      executionCounts: counts(run),
      redriveCount: Number(run.redriveCount ?? 0),
      ...(run.redriveDate ? { redriveDate: new Date(Number(run.redriveDate)) } : {}),
    };
  }
}
