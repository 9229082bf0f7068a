import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { stateMachineArn, versionArn } from '../domain/state-machine-ref';
import { invalidArn, stateMachineDoesNotExist, stateMachineTargetOf } from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { StateMachineStore, type StoredStateMachine, type StoredVersion } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/**
 * DescribeStateMachine: the machine's definition and settings as stored; given a version ARN, that
 * version's (its own definition, settings, revision and description, and its ARN).
 */
@Injectable()
export class DescribeStateMachineOperation implements SfnOperation<'DescribeStateMachine'> {
  readonly name = 'DescribeStateMachine';

  constructor(
    private readonly store: StateMachineStore,
    private readonly executions: ExecutionStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DescribeStateMachineInput) {
    const target = stateMachineTargetOf(input.stateMachineArn, this.options.region);
    if (target.kind === 'machine') return describeMachine(await this.store.get(target.machine));
    // An alias is no state machine to describe (DescribeStateMachineAlias tells of it).
    if (target.kind === 'alias') throw invalidArn(input.stateMachineArn);
    try {
      const resolved = await this.store.resolveVersion(target.machine, target, 0);
      const machine: StoredStateMachine = {
        ref: target.machine,
        definition: await this.executions.definition(resolved.version.definitionSha),
        type: resolved.type,
        loggingConfiguration: resolved.version.loggingConfiguration,
        tracingConfiguration: resolved.version.tracingConfiguration,
        encryptionConfiguration: resolved.version.encryptionConfiguration,
        roleArn: resolved.version.roleArn,
        created: resolved.version.created,
        revisionId: resolved.version.revisionId,
        status: resolved.status,
      };
      return describeMachine(machine, resolved.version);
    } catch (e) {
      if (e instanceof StoreError && e.code === 'NOT_FOUND')
        throw stateMachineDoesNotExist(input.stateMachineArn);
      throw e;
    }
  }
}

/**
 * What DescribeStateMachine (and DescribeStateMachineForExecution) tell of a machine, or of one of
 * its versions (`version`: then the ARN is the version's, and its description is told).
 */
export function describeMachine(
  machine: StoredStateMachine,
  version?: StoredVersion,
): Sfn.DescribeStateMachineOutput {
  return {
    stateMachineArn: version ? versionArn(machine.ref, version.version) : stateMachineArn(machine.ref),
    name: machine.ref.name,
    status: machine.status,
    definition: machine.definition,
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: new Date(machine.created),
    loggingConfiguration: machine.loggingConfiguration
      ? (JSON.parse(machine.loggingConfiguration) as Sfn.LoggingConfiguration)
      : { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: machine.tracingConfiguration
      ? (JSON.parse(machine.tracingConfiguration) as Sfn.TracingConfiguration)
      : { enabled: false },
    ...(machine.encryptionConfiguration
      ? {
          encryptionConfiguration: JSON.parse(machine.encryptionConfiguration) as Sfn.EncryptionConfiguration,
        }
      : {}),
    ...(machine.revisionId ? { revisionId: machine.revisionId } : {}),
    ...(version?.description !== undefined ? { description: version.description } : {}),
  };
}
