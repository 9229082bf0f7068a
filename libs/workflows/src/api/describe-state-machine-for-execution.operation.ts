import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { stateMachineArn } from '../domain/state-machine-ref';
import { ExecutionStore } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { loadExecution } from './describe-execution.operation';
import type { SfnOperation } from './sfn-operation';

/**
 * DescribeStateMachineForExecution: the definition the execution runs, as it was when it started (the
 * version's, for one started through a version or an alias), and the revision it is.
 */
@Injectable()
export class DescribeStateMachineForExecutionOperation implements SfnOperation<'DescribeStateMachineForExecution'> {
  readonly name = 'DescribeStateMachineForExecution';

  constructor(
    private readonly store: ExecutionStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DescribeStateMachineForExecutionInput) {
    const stored = await loadExecution(this.store, input.executionArn, this.options.region, [
      'definitionSha',
      'roleArn',
      'started',
      'revisionId',
    ]);
    return {
      stateMachineArn: stateMachineArn(stored.ref.machine),
      name: stored.ref.machine.name,
      definition: await this.store.definition(stored.fields.definitionSha),
      roleArn: stored.fields.roleArn,
      updateDate: new Date(Number(stored.fields.started)),
      loggingConfiguration: { level: 'OFF' as const, includeExecutionData: false },
      tracingConfiguration: { enabled: false },
      ...(stored.fields.revisionId !== undefined ? { revisionId: stored.fields.revisionId } : {}),
    };
  }
}
