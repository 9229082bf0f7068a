import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { ExecutionRedrive } from '../domain/execution-redrive';
import { redriveRefusal } from '../domain/redrive-rules';
import { SfnErrors } from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { loadExecution } from './describe-execution.operation';
import type { SfnOperation } from './sfn-operation';

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
      const refusal = await redriveRefusal(f, this.clock.now(), () => this.store.historyLength(stored.ref));
      if (refusal) throw notRedrivable(refusal);
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
