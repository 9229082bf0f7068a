import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type OperationContext, type Sfn } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { type StateMachineRef, stateMachineArn, versionArn } from '../domain/state-machine-ref';
import {
  checkName,
  SfnErrors,
  stateMachineDeleting,
  versionDescriptionWithoutPublish,
} from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { definitionErrors, invalidDefinition } from './definition-check';
import type { SfnOperation } from './sfn-operation';
import { checkRoleArn, configurationText, tagRecord } from './state-machine-input';

/**
 * CreateStateMachine: a STANDARD or EXPRESS machine from a definition the validator accepts; with
 * `publish`, its version 1 at once (`versionDescription` only with `publish`). Idempotent as AWS's:
 * the same name, definition, type, configurations, publish and versionDescription answer the
 * existing machine (a different roleArn or tags are ignored); any other difference is
 * StateMachineAlreadyExists.
 */
@Injectable()
export class CreateStateMachineOperation implements SfnOperation<'CreateStateMachine'> {
  readonly name = 'CreateStateMachine';

  constructor(
    private readonly store: StateMachineStore,
    private readonly executions: ExecutionStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.CreateStateMachineInput, ctx: OperationContext) {
    checkName(input.name);
    checkRoleArn(input.roleArn);
    const type = input.type ?? 'STANDARD';
    const errors = definitionErrors(input.definition, type);
    if (errors.length > 0) throw invalidDefinition(errors);
    if (input.versionDescription !== undefined && !input.publish) throw versionDescriptionWithoutPublish();
    const tags = tagRecord(input.tags);
    const ref: StateMachineRef = { accountId: ctx.accountId, region: this.options.region, name: input.name };
    const existing = await this.store.get(ref).catch(() => undefined);
    if (existing?.status === 'DELETING') throw stateMachineDeleting(stateMachineArn(ref));
    if ((await this.store.count(ctx.accountId)) >= this.options.maxStateMachinesPerAccount) {
      // A repeated create of an existing machine is still answered; only a new one counts.
      if (!existing)
        throw new AwsError(
          SfnErrors.StateMachineLimitExceeded,
          `State machine limit exceeded: the account may own ${this.options.maxStateMachinesPerAccount} state machines`,
        );
    }
    const { creationDate, version } = await this.store.create(
      ref,
      {
        definition: input.definition,
        type,
        loggingConfiguration: configurationText(input.loggingConfiguration),
        tracingConfiguration: configurationText(input.tracingConfiguration),
        encryptionConfiguration: configurationText(input.encryptionConfiguration),
      },
      input.roleArn,
      tags,
      this.clock.now(),
      // Kept by hash, as executions and versions refer to it.
      await this.executions.putDefinition(input.definition),
      input.publish ? { description: input.versionDescription } : undefined,
    );
    return {
      stateMachineArn: stateMachineArn(ref),
      creationDate: new Date(creationDate),
      ...(version !== undefined ? { stateMachineVersionArn: versionArn(ref, version) } : {}),
    };
  }
}
