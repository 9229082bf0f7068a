import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { versionArn } from '../domain/state-machine-ref';
import {
  SfnErrors,
  stateMachineDeleting,
  stateMachineDoesNotExist,
  stateMachineTargetOf,
  versionDescriptionWithoutPublish,
} from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { definitionErrors, invalidDefinition } from './definition-check';
import type { SfnOperation } from './sfn-operation';
import { checkRoleArn, configurationText } from './state-machine-input';

/**
 * UpdateStateMachine: a new definition, role or configuration. A change of any of them is a new
 * revision (revisionId); settings given as they are keep the current one. With `publish`, the
 * revision is then published as a version (or the version published from it already is answered).
 */
@Injectable()
export class UpdateStateMachineOperation implements SfnOperation<'UpdateStateMachine'> {
  readonly name = 'UpdateStateMachine';

  constructor(
    private readonly store: StateMachineStore,
    private readonly executions: ExecutionStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.UpdateStateMachineInput) {
    const target = stateMachineTargetOf(input.stateMachineArn, this.options.region);
    // A version is immutable and an alias is changed by UpdateStateMachineAlias: as AWS, no such machine.
    if (target.kind !== 'machine') throw stateMachineDoesNotExist(input.stateMachineArn);
    const ref = target.machine;
    const given = [
      input.definition,
      input.roleArn,
      input.loggingConfiguration,
      input.tracingConfiguration,
      input.encryptionConfiguration,
    ];
    if (given.every((v) => v === undefined))
      throw new AwsError(
        SfnErrors.MissingRequiredParameter,
        'Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified',
      );
    if (input.versionDescription !== undefined && !input.publish) throw versionDescriptionWithoutPublish();
    if (input.roleArn !== undefined) checkRoleArn(input.roleArn);
    const machine = await this.store.get(ref);
    if (machine.status === 'DELETING') throw stateMachineDeleting(input.stateMachineArn);
    const fields: Record<string, string> = {};
    if (input.definition !== undefined) {
      const errors = definitionErrors(input.definition, machine.type);
      if (errors.length > 0) throw invalidDefinition(errors);
      fields.definition = input.definition;
      fields.definitionSha = await this.executions.putDefinition(input.definition);
    } else if (input.publish && machine.definitionSha === undefined) {
      // A machine stored before definitions were kept by hash: its version will refer to it by hash.
      await this.executions.putDefinition(machine.definition);
    }
    if (input.roleArn !== undefined) fields.roleArn = input.roleArn;
    if (input.loggingConfiguration !== undefined)
      fields.loggingConfiguration = configurationText(input.loggingConfiguration);
    if (input.tracingConfiguration !== undefined)
      fields.tracingConfiguration = configurationText(input.tracingConfiguration);
    if (input.encryptionConfiguration !== undefined)
      fields.encryptionConfiguration = configurationText(input.encryptionConfiguration);
    const now = this.clock.now();
    const { revisionId, version } = await this.store.update(
      ref,
      fields,
      randomUUID(),
      now,
      input.publish ? { description: input.versionDescription } : undefined,
    );
    return {
      updateDate: new Date(now),
      ...(revisionId !== undefined ? { revisionId } : {}),
      ...(version !== undefined ? { stateMachineVersionArn: versionArn(ref, version) } : {}),
    };
  }
}
