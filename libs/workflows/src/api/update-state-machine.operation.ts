import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { SfnErrors, stateMachineDeleting, stateMachineOf } from '../errors/sfn-errors';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { definitionErrors, invalidDefinition } from './definition-check';
import type { SfnOperation } from './sfn-operation';
import { checkRoleArn, configurationText } from './state-machine-input';

/** UpdateStateMachine: a new definition, role or configuration; every update is a new revision. */
@Injectable()
export class UpdateStateMachineOperation implements SfnOperation<'UpdateStateMachine'> {
  readonly name = 'UpdateStateMachine';

  constructor(
    private readonly store: StateMachineStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.UpdateStateMachineInput) {
    const ref = stateMachineOf(input.stateMachineArn, this.options.region);
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
    if (input.roleArn !== undefined) checkRoleArn(input.roleArn);
    const machine = await this.store.get(ref);
    if (machine.status === 'DELETING') throw stateMachineDeleting(input.stateMachineArn);
    if (input.definition !== undefined) {
      const errors = definitionErrors(input.definition, machine.type);
      if (errors.length > 0) throw invalidDefinition(errors);
    }
    const now = this.clock.now();
    const revisionId = randomUUID();
    const fields: Record<string, string> = { updated: String(now), revisionId };
    if (input.definition !== undefined) fields.definition = input.definition;
    if (input.roleArn !== undefined) fields.roleArn = input.roleArn;
    if (input.loggingConfiguration !== undefined)
      fields.loggingConfiguration = configurationText(input.loggingConfiguration);
    if (input.tracingConfiguration !== undefined)
      fields.tracingConfiguration = configurationText(input.tracingConfiguration);
    if (input.encryptionConfiguration !== undefined)
      fields.encryptionConfiguration = configurationText(input.encryptionConfiguration);
    await this.store.update(ref, fields);
    return { updateDate: new Date(now), revisionId };
  }
}
