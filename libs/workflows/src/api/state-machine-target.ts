import { StoreError } from '@switchyard/redis';
import {
  aliasArn,
  type StateMachineRef,
  type StateMachineTarget,
  versionArn,
} from '../domain/state-machine-ref';
import { stateMachineDeleting, stateMachineDoesNotExist, stateMachineTargetOf } from '../errors/sfn-errors';
import type { ExecutionStore } from '../store/execution.store';
import type { StateMachineStore } from '../store/state-machine.store';

/**
 * What an execution started through a state machine ARN runs: the machine's latest revision (an
 * unqualified ARN), a version (a version ARN), or one of an alias's versions, picked at random by
 * the alias's weights (an alias ARN).
 */
export interface ExecutionTarget {
  readonly ref: StateMachineRef;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: string;
  /** The hash the definition is stored under, when the machine or version records it. */
  readonly definitionSha?: string;
  readonly roleArn: string;
  /** The revision it runs (absent for a machine's first). */
  readonly revisionId?: string;
  /** The version it runs, when started through a version or an alias. */
  readonly versionArn?: string;
  /** The alias it was started through. */
  readonly aliasArn?: string;
}

/**
 * The target of StartExecution and StartSyncExecution: InvalidArn for an ARN that names no state
 * machine, version or alias; StateMachineDoesNotExist (naming the ARN given) when the machine,
 * version or alias does not exist; StateMachineDeleting while the machine is being deleted.
 */
export async function executionTarget(
  machines: StateMachineStore,
  executions: ExecutionStore,
  arn: string,
  region: string,
): Promise<ExecutionTarget> {
  const target = stateMachineTargetOf(arn, region);
  try {
    if (target.kind === 'machine') {
      const machine = await machines.forStarting(target.machine);
      if (machine.status === 'DELETING') throw stateMachineDeleting(arn);
      return machine;
    }
    const resolved = await machines.resolveVersion(target.machine, target, Math.random() * 100);
    if (resolved.status === 'DELETING') throw stateMachineDeleting(arn);
    const v = resolved.version;
    return {
      ref: target.machine,
      type: resolved.type,
      definition: await executions.definition(v.definitionSha),
      definitionSha: v.definitionSha,
      roleArn: v.roleArn,
      ...(v.revisionId !== undefined ? { revisionId: v.revisionId } : {}),
      versionArn: versionArn(target.machine, v.version),
      ...(target.kind === 'alias' ? { aliasArn: aliasArn(target.machine, target.alias) } : {}),
    };
  } catch (e) {
    if (e instanceof StoreError && e.code === 'NOT_FOUND') throw stateMachineDoesNotExist(arn);
    throw e;
  }
}

/** What an execution records of its target, for DescribeExecution, ListExecutions and DescribeStateMachineForExecution. */
export function targetFields(target: ExecutionTarget): Record<string, string> {
  const fields: Record<string, string> = {};
  if (target.revisionId !== undefined) fields.revisionId = target.revisionId;
  if (target.versionArn !== undefined) fields.versionArn = target.versionArn;
  if (target.aliasArn !== undefined) fields.aliasArn = target.aliasArn;
  return fields;
}

/** Whether an execution (its recorded fields) was started through what `target` names. */
export function startedThrough(target: StateMachineTarget, fields: Record<string, string>): boolean {
  switch (target.kind) {
    case 'machine':
      return true;
    case 'version':
      return fields.versionArn === versionArn(target.machine, target.version);
    case 'alias':
      return fields.aliasArn === aliasArn(target.machine, target.alias);
  }
}
