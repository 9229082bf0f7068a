import { Inject, Injectable } from '@nestjs/common';
import type { Sfn } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { type ExecutionRef, executionArn } from '../domain/execution-ref';
import { redriveRefusal } from '../domain/redrive-rules';
import { stateMachineArn } from '../domain/state-machine-ref';
import { executionDoesNotExist, executionOf } from '../errors/sfn-errors';
import { ExecutionStore, type StoredExecution } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import type { SfnOperation } from './sfn-operation';

/** What DescribeExecution reads of an execution. */
const DESCRIBED = [
  'status',
  'input',
  'output',
  'error',
  'cause',
  'started',
  'stopped',
  'redriveCount',
  'redriveDate',
  'versionArn',
  'aliasArn',
  'mapRunArn',
] as const;

/**
 * DescribeExecution: a Standard execution's status, input, output or error, and dates; the version
 * it ran and the alias it was started through, when it was started through one.
 */
@Injectable()
export class DescribeExecutionOperation implements SfnOperation<'DescribeExecution'> {
  readonly name = 'DescribeExecution';

  constructor(
    private readonly store: ExecutionStore,
    private readonly clock: Clock,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.DescribeExecutionInput) {
    const stored = await loadExecution(this.store, input.executionArn, this.options.region, DESCRIBED);
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
      ...(f.versionArn !== undefined ? { stateMachineVersionArn: f.versionArn } : {}),
      ...(f.aliasArn !== undefined ? { stateMachineAliasArn: f.aliasArn } : {}),
      ...(f.mapRunArn !== undefined ? { mapRunArn: f.mapRunArn } : {}),
      ...(await redriveFields(f, this.clock.now(), () => this.store.historyLength(stored.ref))),
    } satisfies Sfn.DescribeExecutionOutput;
  }
}

/** What DescribeExecution tells of redrives: how many, when, and whether another may come. */
async function redriveFields(
  f: Record<string, string>,
  now: number,
  historyLength: () => Promise<number>,
): Promise<Partial<Sfn.DescribeExecutionOutput>> {
  const out: Partial<Sfn.DescribeExecutionOutput> = { redriveCount: Number(f.redriveCount ?? 0) };
  if (f.redriveDate) out.redriveDate = new Date(Number(f.redriveDate));
  const refusal = await redriveRefusal(f, now, historyLength);
  out.redriveStatus = refusal ? 'NOT_REDRIVABLE' : 'REDRIVABLE';
  if (refusal) out.redriveStatusReason = refusal;
  return out;
}

/** The execution an ARN names, or ExecutionDoesNotExist (InvalidArn for an ARN that is not one). */
export async function loadExecution(
  store: ExecutionStore,
  arn: string,
  region: string,
  names?: readonly string[],
): Promise<StoredExecution> {
  const ref: ExecutionRef = executionOf(arn, region);
  try {
    return await store.load(ref, names);
  } catch (e) {
    if (e instanceof StoreError && e.code === 'NOT_FOUND') throw executionDoesNotExist(arn);
    throw e;
  }
}
