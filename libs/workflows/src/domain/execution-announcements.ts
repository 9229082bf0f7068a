import { Inject, Injectable } from '@nestjs/common';
import { type BusEvent, EventBus } from '@switchyard/events';
import { NestedExecutions } from '../integrations/nested-executions';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { type ExecutionRef, executionArn } from './execution-ref';
import { MapRuns } from './map-runs';
import { stateMachineArn } from './state-machine-ref';

/** What an execution's status changes are announced with. */
const ANNOUNCED_FIELDS = [
  'announced',
  'parent',
  'mapRun',
  'status',
  'input',
  'output',
  'error',
  'cause',
  'started',
  'stopped',
  'redriveCount',
  'redriveDate',
  'versionArn',
  'aliasArn',
];

/** Input and output above this are left out of status change events, as AWS leaves them out. */
const EVENT_DATA_LIMIT = 248 * 1024;

/**
 * AWS's "Step Functions Execution Status Change" event for an execution's fields: `detail` shaped as
 * DescribeExecution (dates in epoch milliseconds), input and output left out above 248 KB.
 */
export function statusChangeEvent(ref: ExecutionRef, f: Record<string, string>): BusEvent {
  const arn = executionArn(ref);
  const data = (text: string | undefined) =>
    text === undefined
      ? { value: null, details: null }
      : Buffer.byteLength(text) > EVENT_DATA_LIMIT
        ? { value: null, details: { included: false } }
        : { value: text, details: { included: true } };
  const input = data(f.input);
  const output = data(f.output);
  const redrivable = f.status !== 'RUNNING' && f.status !== 'SUCCEEDED';
  return {
    source: 'aws.states',
    detailType: 'Step Functions Execution Status Change',
    resources: [arn],
    detail: {
      executionArn: arn,
      stateMachineArn: stateMachineArn(ref.machine),
      stateMachineVersionArn: f.versionArn ?? null,
      stateMachineAliasArn: f.aliasArn ?? null,
      name: ref.name,
      status: f.status,
      startDate: Number(f.started),
      stopDate: f.stopped ? Number(f.stopped) : null,
      input: input.value,
      output: output.value,
      inputDetails: input.details,
      outputDetails: output.details,
      error: f.error ?? null,
      cause: f.cause ?? null,
      redriveCount: Number(f.redriveCount ?? 0),
      redriveDate: f.redriveDate ? Number(f.redriveDate) : null,
      redriveStatus: redrivable ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
      ...(redrivable ? {} : { redriveStatusReason: `Execution is ${f.status} and cannot be redriven` }),
    },
  };
}

/**
 * Tells whoever listens that a Standard execution's status changed: rules on the account's default
 * event bus (AWS's status change events, published only while a rule matches them), and, when it
 * ended, the parent thread a `.sync` child is linked to or the Distributed Map run a child belongs
 * to, and the Distributed Map runs of a parent that did not succeed (they are aborted). An executor announces after committing the change and before acknowledging its work item, so
 * a crash in between announces again (at least once); the status last announced is recorded, so a
 * later work item for the same status announces nothing.
 */
@Injectable()
export class ExecutionAnnouncements {
  constructor(
    private readonly store: ExecutionStore,
    private readonly nested: NestedExecutions,
    private readonly mapRuns: MapRuns,
    private readonly events: EventBus,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  /** A running execution an executor took up, with the fields it read: its RUNNING event, once. */
  async running(ref: ExecutionRef, fields: Record<string, string>): Promise<void> {
    if (fields.announced === 'RUNNING' || (await this.nothingListens(ref))) return;
    const published = await this.events.publishMatched(ref.machine.accountId, this.options.region, [
      statusChangeEvent(ref, fields),
    ]);
    if (published.length > 0) await this.store.markAnnounced(ref, 'RUNNING');
  }

  /**
   * Whether an execution of the account ending now has nothing to announce but to links it may have
   * (no rule listens): its ending commit may then record the end as announced itself.
   */
  async nothingListens(ref: ExecutionRef): Promise<boolean> {
    return this.events.quiet(ref.machine.accountId);
  }

  /** An execution that ended with `status`. */
  async ended(ref: ExecutionRef, status: string): Promise<void> {
    const { fields } = await this.store.load(ref, ANNOUNCED_FIELDS);
    if (fields.announced === status) return;
    if (fields.parent) await this.nested.childEnded(ref, fields.parent);
    if (fields.mapRun) await this.mapRuns.childEnded(ref, fields.mapRun, fields);
    // A parent that did not succeed may leave Distributed Map runs going (a Parallel branch failed).
    if (status !== 'SUCCEEDED') await this.mapRuns.parentEnded(ref);
    await this.events.publishMatched(ref.machine.accountId, this.options.region, [
      statusChangeEvent(ref, fields),
    ]);
    await this.store.markAnnounced(ref, status);
  }
}
