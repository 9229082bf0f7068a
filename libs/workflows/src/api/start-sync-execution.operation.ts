import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Sfn } from '@switchyard/aws-wire';
import { ExpressRunner } from '../domain/express-runner';
import { stateMachineArn } from '../domain/state-machine-ref';
import { checkName, typeNotSupported } from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { parseExecutionInput } from './execution-input';
import type { SfnOperation } from './sfn-operation';
import { executionTarget } from './state-machine-target';

/** Express workflows are billed in 100 ms steps, at least 64 MB. */
const BILLING_STEP_MS = 100;
const BILLED_MEMORY_MB = 64;

/**
 * StartSyncExecution: runs an EXPRESS machine (its latest revision, or the version a version or alias
 * ARN leads to) to its end here, in memory, and answers its outcome.
 * SDKs send it to a `sync-` prefixed host; Switchyard answers on any host name.
 */
@Injectable()
export class StartSyncExecutionOperation implements SfnOperation<'StartSyncExecution'> {
  readonly name = 'StartSyncExecution';

  constructor(
    private readonly store: StateMachineStore,
    private readonly executions: ExecutionStore,
    private readonly express: ExpressRunner,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.StartSyncExecutionInput) {
    // The machine's latest revision, or the version a version or alias ARN leads to.
    const machine = await executionTarget(
      this.store,
      this.executions,
      input.stateMachineArn,
      this.options.region,
    );
    if (machine.type !== 'EXPRESS') throw typeNotSupported();
    if (input.name !== undefined) checkName(input.name);
    const inputText = input.input ?? '{}';
    const parsed = parseExecutionInput(inputText);
    const result = await this.express.run({
      definition: machine.definition,
      stateMachineArn: stateMachineArn(machine.ref),
      roleArn: machine.roleArn,
      name: input.name ?? randomUUID(),
      input: parsed,
      inputText,
    });
    const started = result.startDate;
    const stopped = result.stopDate;
    const timedOut = result.events[result.events.length - 1]?.type === 'ExecutionTimedOut';
    const included = input.includedData !== 'METADATA_ONLY';
    return {
      executionArn: result.executionArn,
      stateMachineArn: stateMachineArn(machine.ref),
      name: result.executionArn.split(':')[7],
      startDate: new Date(started),
      stopDate: new Date(stopped),
      status:
        result.status === 'SUCCEEDED'
          ? ('SUCCEEDED' as const)
          : timedOut
            ? ('TIMED_OUT' as const)
            : ('FAILED' as const),
      ...(result.error !== undefined ? { error: result.error } : {}),
      ...(result.cause !== undefined ? { cause: result.cause } : {}),
      ...(included ? { input: inputText } : {}),
      inputDetails: { included },
      ...(result.status === 'SUCCEEDED' && included ? { output: JSON.stringify(result.output) } : {}),
      ...(result.status === 'SUCCEEDED' ? { outputDetails: { included } } : {}),
      billingDetails: {
        billedMemoryUsedInMB: BILLED_MEMORY_MB,
        billedDurationInMilliseconds:
          Math.max(1, Math.ceil((stopped - started) / BILLING_STEP_MS)) * BILLING_STEP_MS,
      },
    };
  }
}
