import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { ExecutionRedrive } from '../domain/execution-redrive';
import { SfnErrors } from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { loadExecution } from './describe-execution.operation';
import type { SfnOperation } from './sfn-operation';

/** How long after it stopped an execution may be redriven (AWS: 14 days). */
export const REDRIVE_WINDOW_MS = 14 * 24 * 3600 * 1000;
const ATTEMPTS = 20;

/**
 * RedriveExecution: a FAILED, ABORTED or TIMED_OUT Standard execution runs again, under the same
 * ARN, from the top-level state that did not succeed, after an ExecutionRedriven event; a repeated
 * request with the same clientToken answers the same redrive.
 */
@Injectable()
export class RedriveExecutionOperation implements SfnOperation<'RedriveExecution'> {
  readonly name = 'RedriveExecution';

  constructor(
    private readonly store: ExecutionStore,
    private readonly redrives: ExecutionRedrive,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.RedriveExecutionInput) {
    for (let attempt = 0; ; attempt++) {
      const stored = await loadExecution(this.store, input.executionArn, this.options.region);
      const f = stored.fields;
      if (input.clientToken !== undefined && f.redriveToken === input.clientToken && f.redriveDate)
        return { redriveDate: new Date(Number(f.redriveDate)) };
      if (f.status === 'RUNNING' || f.status === 'SUCCEEDED')
        throw notRedrivable(`Execution is ${f.status} and cannot be redriven`);
      const now = this.clock.now();
      if (now - Number(f.stopped) > REDRIVE_WINDOW_MS)
        throw notRedrivable('Execution can no longer be redriven: it stopped more than 14 days ago');
      let redriven: number | undefined;
      try {
        redriven = await this.redrives.redrive(stored, { redriveToken: input.clientToken ?? '' });
      } catch (e) {
        if (e instanceof StoreError && e.code === 'STALE' && attempt < ATTEMPTS) continue;
        throw e;
      }
      if (redriven === undefined)
        throw notRedrivable('Execution cannot be redriven: it failed before its first state');
      return { redriveDate: new Date(redriven) };
    }
  }
}

function notRedrivable(message: string): AwsError {
  return new AwsError(SfnErrors.ExecutionNotRedrivable, message);
}
