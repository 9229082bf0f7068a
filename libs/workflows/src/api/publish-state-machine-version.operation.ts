import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { versionArn } from '../domain/state-machine-ref';
import {
  revisionConflict,
  stateMachineDeleting,
  stateMachineDoesNotExist,
  stateMachineTargetOf,
  VERSION,
} from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/**
 * PublishStateMachineVersion: the machine's current revision as a new version (numbered from 1,
 * never reused), at most 1,000 a machine. Idempotent as AWS's: when a version was published from the
 * current revision already, that version is the answer. With `revisionId` (INITIAL for a machine's
 * first revision), only that revision is published: another current one is a ConflictException.
 */
@Injectable()
export class PublishStateMachineVersionOperation implements SfnOperation<'PublishStateMachineVersion'> {
  readonly name = 'PublishStateMachineVersion';

  constructor(
    private readonly store: StateMachineStore,
    private readonly executions: ExecutionStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.PublishStateMachineVersionInput) {
    const target = stateMachineTargetOf(input.stateMachineArn, this.options.region);
    if (target.kind !== 'machine') throw stateMachineDoesNotExist(input.stateMachineArn);
    const ref = target.machine;
    const machine = await this.store.get(ref);
    if (machine.status === 'DELETING') throw stateMachineDeleting(input.stateMachineArn);
    // A machine stored before definitions were kept by hash: its version will refer to it by hash.
    if (machine.definitionSha === undefined) await this.executions.putDefinition(machine.definition);
    try {
      const { version, created } = await this.store.publish(
        ref,
        input.revisionId,
        input.description,
        this.clock.now(),
      );
      return { creationDate: new Date(created), stateMachineVersionArn: versionArn(ref, version) };
    } catch (e) {
      if (e instanceof StoreError && e.entity === VERSION && e.code === 'STALE')
        throw revisionConflict(input.revisionId ?? '', e.detail ?? '');
      throw e;
    }
  }
}
