import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { executionArn } from '../domain/execution-ref';
import { stateMachineArn } from '../domain/state-machine-ref';
import { resourceNotFound, SfnErrors, stateMachineTargetOf, typeNotSupported } from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { offsetOf, offsetToken, pageSize } from './sfn-pages';
import type { SfnOperation } from './sfn-operation';
import { startedThrough } from './state-machine-target';
import { Clock } from '@switchyard/runtime';

/** What ListExecutions reads of each execution. */
const LISTED = ['status', 'started', 'stopped', 'redriveCount', 'versionArn', 'aliasArn'];

/**
 * ListExecutions: a STANDARD machine's executions, newest first, optionally of one status; given a
 * version or alias ARN, those started through it (a version's include those its aliases started).
 */
@Injectable()
export class ListExecutionsOperation implements SfnOperation<'ListExecutions'> {
  readonly name = 'ListExecutions';

  constructor(
    private readonly machines: StateMachineStore,
    private readonly executions: ExecutionStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.ListExecutionsInput) {
    if (input.stateMachineArn === undefined)
      throw new AwsError(SfnErrors.MissingRequiredParameter, 'A stateMachineArn or a mapRunArn is required');
    // A version or alias ARN lists the executions started through it.
    const target = stateMachineTargetOf(input.stateMachineArn, this.options.region);
    const machine = await this.machines.get(target.machine);
    if (machine.type === 'EXPRESS') throw typeNotSupported();
    if (target.kind === 'version' && !(await this.machines.versions(target.machine, [target.version]))[0])
      throw resourceNotFound();
    if (target.kind === 'alias' && !(await this.machines.alias(target.machine, target.alias)))
      throw resourceNotFound();
    const size = pageSize(input.maxResults);
    let offset = offsetOf(input.nextToken, this.clock.now());
    const out: Sfn.ExecutionListItem[] = [];
    // Names come newest first; a status filter skips the others, reading on until the page is full.
    for (;;) {
      const names = await this.executions.listNames(machine.ref.accountId, machine.ref.name, offset, size);
      for (const name of names) {
        offset++;
        const ref = { machine: machine.ref, name };
        const f = await this.executions.load(ref, LISTED).then(
          (s) => s.fields,
          (e: unknown) => {
            if (e instanceof StoreError) return undefined;
            throw e;
          },
        );
        if (!f || (input.statusFilter && f.status !== input.statusFilter) || !startedThrough(target, f))
          continue;
        out.push({
          executionArn: executionArn(ref),
          stateMachineArn: stateMachineArn(machine.ref),
          name,
          status: f.status as Sfn.ExecutionStatus,
          startDate: new Date(Number(f.started)),
          ...(f.stopped ? { stopDate: new Date(Number(f.stopped)) } : {}),
          ...(f.versionArn !== undefined ? { stateMachineVersionArn: f.versionArn } : {}),
          ...(f.aliasArn !== undefined ? { stateMachineAliasArn: f.aliasArn } : {}),
          redriveCount: Number(f.redriveCount ?? 0),
        });
        if (out.length === size) break;
      }
      if (out.length === size || names.length < size) break;
    }
    const more =
      out.length === size &&
      (await this.executions.listNames(machine.ref.accountId, machine.ref.name, offset, 1)).length > 0;
    return { executions: out, nextToken: more ? offsetToken(offset, this.clock.now()) : undefined };
  }
}
