import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { type ExecutionRef, executionArn } from '../domain/execution-ref';
import { stateMachineArn } from '../domain/state-machine-ref';
import { executionDoesNotExist, executionOf } from '../errors/sfn-errors';
import { ExecutionStore, type StoredExecution } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/** DescribeExecution: a Standard execution's status, input, output or error, and dates. */
@Injectable()
export class DescribeExecutionOperation implements SfnOperation<'DescribeExecution'> {
  readonly name = 'DescribeExecution';

  constructor(
    private readonly store: ExecutionStore,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DescribeExecutionInput) {
    const stored = await loadExecution(this.store, input.executionArn, this.options.region);
    const f = stored.fields;
    const included = input.includedData !== 'METADATA_ONLY';
    return {
      executionArn: executionArn(stored.ref),
      stateMachineArn: stateMachineArn(stored.ref.machine),
      name: stored.ref.name,
      status: f.status as Sfn.ExecutionStatus,
      startDate: new Date(Number(f.started)),
      ...(f.stopped ? { stopDate: new Date(Number(f.stopped)) } : {}),
      ...(included ? { input: f.input } : {}),
      inputDetails: { included },
      ...(f.output !== undefined && included ? { output: f.output } : {}),
      ...(f.output !== undefined ? { outputDetails: { included } } : {}),
      ...(f.error !== undefined ? { error: f.error } : {}),
      ...(f.cause !== undefined ? { cause: f.cause } : {}),
      redriveCount: 0,
      redriveStatus: f.status === 'RUNNING' || f.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
      ...(f.status === 'RUNNING'
        ? { redriveStatusReason: 'Execution is RUNNING and cannot be redriven' }
        : f.status === 'SUCCEEDED'
          ? { redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' }
          : {}),
    } satisfies Sfn.DescribeExecutionOutput;
  }
}

/** The execution an ARN names, or ExecutionDoesNotExist (InvalidArn for an ARN that is not one). */
export async function loadExecution(
  store: ExecutionStore,
  arn: string,
  region: string,
): Promise<StoredExecution> {
  const ref: ExecutionRef = executionOf(arn, region);
  try {
    return await store.load(ref);
  } catch (e) {
    if (e instanceof StoreError && e.code === 'NOT_FOUND') throw executionDoesNotExist(arn);
    throw e;
  }
}
