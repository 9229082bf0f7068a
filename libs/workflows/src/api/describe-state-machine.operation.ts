import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { stateMachineArn } from '../domain/state-machine-ref';
import { stateMachineOf } from '../errors/sfn-errors';
import { StateMachineStore, type StoredStateMachine } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/** DescribeStateMachine: the machine's definition and settings as stored. */
@Injectable()
export class DescribeStateMachineOperation implements SfnOperation<'DescribeStateMachine'> {
  readonly name = 'DescribeStateMachine';

  constructor(
    private readonly store: StateMachineStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DescribeStateMachineInput) {
    const machine = await this.store.get(stateMachineOf(input.stateMachineArn, this.options.region));
    return describeMachine(machine);
  }
}

/** What DescribeStateMachine (and DescribeStateMachineForExecution) tell of a machine. */
export function describeMachine(machine: StoredStateMachine): Sfn.DescribeStateMachineOutput {
  return {
    stateMachineArn: stateMachineArn(machine.ref),
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
  };
}
