import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { ExecutionEngine } from '@switchyard/asl';
import { Clock } from '@switchyard/runtime';
import { CompiledMachines } from '../domain/compiled-machines';
import { type ExecutionRef, executionArn } from '../domain/execution-ref';
import { endedFields, engineRuntime, firstVersion, storedState } from '../domain/standard-execution';
import { stateMachineArn } from '../domain/state-machine-ref';
import { storeEvents } from '../domain/stored-event';
import { WorkflowMetrics } from '../domain/workflow-metrics';
import { checkName, SfnErrors } from '../errors/sfn-errors';
import { ExecutionStore } from '../store/execution.store';
import { StateMachineStore } from '../store/state-machine.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { parseExecutionInput } from './execution-input';
import type { SfnOperation } from './sfn-operation';
import { executionTarget, targetFields } from './state-machine-target';

/**
 * StartExecution. A STANDARD execution is stored (its ExecutionStarted event and engine state, in
 * one Lua step) and handed to the executors; the same name and input while it runs answers the
 * original start, any other reuse of the name ExecutionAlreadyExists. An EXPRESS execution starts
 * every time and runs here, in memory.
 */
@Injectable()
export class StartExecutionOperation implements SfnOperation<'StartExecution'> {
  readonly name = 'StartExecution';

  constructor(
    private readonly machines: StateMachineStore,
    private readonly executions: ExecutionStore,
    private readonly compiled: CompiledMachines,
    private readonly clock: Clock,
    private readonly metrics: WorkflowMetrics,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  async handle(input: Sfn.StartExecutionInput) {
    // The machine's latest revision, or the version a version or alias ARN leads to.
    const machine = await executionTarget(
      this.machines,
      this.executions,
      input.stateMachineArn,
      this.options.region,
    );
    if (input.name !== undefined) checkName(input.name);
    const inputText = input.input ?? '{}';
    const parsed = parseExecutionInput(inputText);
    const name = input.name ?? randomUUID();
    const smArn = stateMachineArn(machine.ref);
    if (machine.type === 'EXPRESS') {
      // Not idempotent, as AWS's: every start runs, at least once, on an executor.
      const id = randomUUID();
      const started = this.clock.now();
      await this.executions.putExpress(id, {
        definition: machine.definition,
        stateMachineArn: smArn,
        roleArn: machine.roleArn,
        name,
        input: inputText,
      });
      await this.executions.enqueue({
        kind: 'express',
        accountId: machine.ref.accountId,
        machine: machine.ref.name,
        execution: id,
      });
      return {
        executionArn: `${smArn.replace(':stateMachine:', ':express:')}:${name}:${id}`,
        startDate: new Date(started),
      };
    }
    const ref: ExecutionRef = { machine: machine.ref, name };
    const arn = executionArn(ref);
    const now = this.clock.now();
    const compiled = this.compiled.of(machine.definition);
    const engine = new ExecutionEngine(compiled, engineRuntime(this.clock));
    const { state, advance } = engine.start(parsed, {
      executionName: name,
      stateMachineArn: smArn,
      roleArn: machine.roleArn,
      stateMachineType: 'STANDARD',
      // A Distributed Map's items run as child executions spread over the executors.
      childMapRuns: true,
    });
    const fields: Record<string, string> = {
      status: 'RUNNING',
      input: inputText,
      started: String(now),
      // Stored when the machine or version was; hashed and stored here only for a machine made before
      // machines recorded it.
      definitionSha: machine.definitionSha ?? (await this.executions.putDefinition(machine.definition)),
      roleArn: machine.roleArn,
      state: storedState(state),
      version: firstVersion(),
      ...endedFields(state, now),
      ...targetFields(machine),
      ...startedByField(parsed),
    };
    // Stored and handed to the executors in one round trip: the work item is written after the
    // execution on the same connection, and an executor that finds no execution for an item (a
    // Cluster may apply them out of order) looks again a second later. The item carries the fields,
    // so that its executor need not read them back; a start answered by an execution of that name
    // stored before hands on fields that its first commit, fenced by their version, never matches.
    const [created] = await Promise.all([
      this.executions.create(ref, fields, storeEvents(advance.events, now), now),
      // Also when it ended at once: an executor announces its end.
      this.executions.enqueue({ kind: 'run', ...itemRef(ref), start: fields }),
    ]);
    if (!created.created && (created.status !== 'RUNNING' || created.input !== inputText))
      throw new AwsError(SfnErrors.ExecutionAlreadyExists, `Execution Already Exists: '${arn}'`);
    if (!created.created) return { executionArn: arn, startDate: new Date(created.started) };
    this.metrics.executionStarted(ref.machine.name);
    if (state.status !== 'RUNNING') this.metrics.executionEnded(ref.machine.name, state.status, now, now);
    if (state.status === 'RUNNING' && compiled.timeoutSeconds !== undefined)
      await this.executions.schedule(
        { kind: 'timeout', ...itemRef(ref) },
        now + compiled.timeoutSeconds * 1000,
      );
    return { executionArn: arn, startDate: new Date(now) };
  }
}

function itemRef(ref: ExecutionRef) {
  return { accountId: ref.machine.accountId, machine: ref.machine.name, execution: ref.name };
}

/**
 * The execution that started this one, as a parent names itself in the child's input
 * (`"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"`): kept as the link between them.
 */
function startedByField(input: unknown): Record<string, string> {
  const parent = (input as Record<string, unknown> | null)?.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID;
  return typeof parent === 'string' ? { startedBy: parent } : {};
}
