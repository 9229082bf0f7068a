import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { awsEventOf } from '../domain/stored-event';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { loadExecution } from './describe-execution.operation';
import { offsetOf, offsetToken, pageSize } from './sfn-pages';
import type { SfnOperation } from './sfn-operation';
import { Clock } from '@switchyard/runtime';

/** GetExecutionHistory: the events, oldest or newest first, a page at a time. */
@Injectable()
export class GetExecutionHistoryOperation implements SfnOperation<'GetExecutionHistory'> {
  readonly name = 'GetExecutionHistory';

  constructor(
    private readonly store: ExecutionStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.GetExecutionHistoryInput) {
    const stored = await loadExecution(this.store, input.executionArn, this.options.region, []);
    const size = pageSize(input.maxResults);
    const offset = offsetOf(input.nextToken, this.clock.now());
    const total = await this.store.historyLength(stored.ref);
    const texts = input.reverseOrder
      ? (await this.store.history(stored.ref, -(offset + size), -(offset + 1))).reverse()
      : await this.store.history(stored.ref, offset, offset + size - 1);
    const include = input.includeExecutionData !== false;
    return {
      events: texts.map((t) => awsEventOf(t, include)) as unknown as Sfn.HistoryEvent[],
      nextToken: offset + size < total ? offsetToken(offset + size, this.clock.now()) : undefined,
    };
  }
}
