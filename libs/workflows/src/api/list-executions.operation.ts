import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { executionArn } from '../domain/execution-ref';
import { childName } from '../domain/map-runs';
import { stateMachineArn, type StateMachineRef } from '../domain/state-machine-ref';
import {
  mapRunOf,
  resourceNotFound,
  SfnErrors,
  stateMachineTargetOf,
  typeNotSupported,
} from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { MapRunStore } from '../store/map-run.store';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { offsetOf, offsetToken, pageSize } from './sfn-pages';
import type { SfnOperation } from './sfn-operation';
import { startedThrough } from './state-machine-target';
import { Clock } from '@switchyard/runtime';

/** What ListExecutions reads of each execution. */
const LISTED = ['status', 'started', 'stopped', 'redriveCount', 'versionArn', 'aliasArn', 'mapRunArn'];

/**
 * ListExecutions: a STANDARD machine's executions, newest first, optionally of one status and
 * redriven or not (`redriveFilter`); given a version or alias ARN, those started through it (a
 * version's include those its aliases started); given a map run's ARN, the run's child executions,
 * those a redrive of the run has yet to redrive as PENDING_REDRIVE.
 */
@Injectable()
export class ListExecutionsOperation implements SfnOperation<'ListExecutions'> {
  readonly name = 'ListExecutions';

  constructor(
    private readonly machines: StateMachineStore,
    private readonly executions: ExecutionStore,
    private readonly runs: MapRunStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.ListExecutionsInput) {
    if (input.stateMachineArn !== undefined && input.mapRunArn !== undefined)
      throw new AwsError(
        SfnErrors.ValidationException,
        'Only one of stateMachineArn and mapRunArn can be given',
      );
    const source =
      input.mapRunArn !== undefined ? await this.ofMapRun(input.mapRunArn) : await this.ofMachine(input);
    const size = pageSize(input.maxResults);
    let offset = offsetOf(input.nextToken, this.clock.now());
    const out: Sfn.ExecutionListItem[] = [];
    // A status filter skips the other executions, reading on until the page is full.
    for (;;) {
      const names = await source.names(offset, size);
      // Read together: the reads leave in one write and come back in one reply packet, where one at
      // a time a page of 1,000 would wait for 1,000 round trips.
      const loaded = await Promise.all(
        names.map((name) =>
          this.executions.load({ machine: source.machine, name }, LISTED).then(
            (s) => s.fields,
            (e: unknown) => {
              if (e instanceof StoreError) return undefined;
              throw e;
            },
          ),
        ),
      );
      for (const [i, name] of names.entries()) {
        offset++;
        const ref = { machine: source.machine, name };
        const f = loaded[i];
        if (!f || !source.includes(f)) continue;
        const status = source.statusOf(name, f);
        if (input.statusFilter && status !== input.statusFilter) continue;
        if (input.redriveFilter && Number(f.redriveCount ?? 0) > 0 !== (input.redriveFilter === 'REDRIVEN'))
          continue;
        out.push({
          executionArn: executionArn(ref),
          stateMachineArn: stateMachineArn(source.machine),
          name,
          status,
          startDate: new Date(Number(f.started)),
          ...(f.stopped ? { stopDate: new Date(Number(f.stopped)) } : {}),
          ...(f.mapRunArn !== undefined ? { mapRunArn: f.mapRunArn } : {}),
          ...(f.versionArn !== undefined ? { stateMachineVersionArn: f.versionArn } : {}),
          ...(f.aliasArn !== undefined ? { stateMachineAliasArn: f.aliasArn } : {}),
          redriveCount: Number(f.redriveCount ?? 0),
        });
        if (out.length === size) break;
      }
      if (out.length === size || names.length < size) break;
    }
    const more = out.length === size && (await source.names(offset, 1)).length > 0;
    return { executions: out, nextToken: more ? offsetToken(offset, this.clock.now()) : undefined };
  }

  /**
   * A STANDARD machine's executions, newest first; through a version or alias ARN, those started
   * through it.
   */
  private async ofMachine(input: Sfn.ListExecutionsInput): Promise<Listed> {
    if (input.stateMachineArn === undefined)
      throw new AwsError(SfnErrors.MissingRequiredParameter, 'A stateMachineArn or a mapRunArn is required');
    const target = stateMachineTargetOf(input.stateMachineArn, this.options.region);
    const machine = await this.machines.get(target.machine);
    if (machine.type === 'EXPRESS') throw typeNotSupported();
    if (target.kind === 'version' && !(await this.machines.versions(target.machine, [target.version]))[0])
      throw resourceNotFound();
    if (target.kind === 'alias' && !(await this.machines.alias(target.machine, target.alias)))
      throw resourceNotFound();
    return {
      machine: machine.ref,
      names: (offset, count) =>
        this.executions.listNames(machine.ref.accountId, machine.ref.name, offset, count),
      includes: (f) => startedThrough(target, f),
      statusOf: (_, f) => f.status as Sfn.ExecutionStatus,
    };
  }

  /** A Distributed Map run's child executions, by item. */
  private async ofMapRun(arn: string): Promise<Listed> {
    const { accountId, runId } = mapRunOf(arn, this.options.region);
    const run = await this.runs.get(accountId, runId);
    if (!run) throw resourceNotFound();
    // A redriven run's children that wait their turn to be redriven are PENDING_REDRIVE.
    const pending = new Set(
      (await this.runs.pendingRedrives(accountId, runId, run)).map((index) => childName(run.arn, index)),
    );
    return {
      machine: { accountId, region: this.options.region, name: run.childMachine },
      names: (offset, count) => this.runs.childrenOf(accountId, runId, offset, count),
      includes: () => true,
      statusOf: (name, f) =>
        pending.has(name) && f.status !== 'RUNNING' ? 'PENDING_REDRIVE' : (f.status as Sfn.ExecutionStatus),
    };
  }
}

/** Where ListExecutions reads names from, and which of those executions it lists. */
interface Listed {
  readonly machine: StateMachineRef;
  names(offset: number, count: number): Promise<string[]>;
  includes(fields: Record<string, string>): boolean;
  /** The status an execution is listed with. */
  statusOf(name: string, fields: Record<string, string>): Sfn.ExecutionStatus;
}
