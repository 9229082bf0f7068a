import { Injectable } from '@nestjs/common';
import { type ExecutionResult, runExecution } from '@switchyard/asl';
import { nodeRuntime } from '@switchyard/asl-node';
import { Clock } from '@switchyard/runtime';
import { CompiledMachines } from './compiled-machines';
import { TaskPerformer } from './task-performer';
import { WorkflowMetrics } from './workflow-metrics';

/** What an Express execution runs. */
export interface ExpressRequest {
  readonly definition: string;
  readonly stateMachineArn: string;
  readonly roleArn: string;
  readonly name: string;
  readonly input: unknown;
}

/** AWS's limit on an Express execution's duration. */
export const EXPRESS_LIMIT_MS = 5 * 60 * 1000;

/**
 * Runs Express executions in memory, to their end: in the gateway for StartSyncExecution, on an
 * executor for an asynchronous start. Lambda tasks go through the task performer.
 */
@Injectable()
export class ExpressRunner {
  constructor(
    private readonly compiled: CompiledMachines,
    private readonly tasks: TaskPerformer,
    private readonly clock: Clock,
    private readonly metrics: WorkflowMetrics,
  ) {}

  async run(request: ExpressRequest): Promise<ExecutionResult> {
    const clock = this.clock;
    // `arn:aws:states:<region>:<account>:stateMachine:<name>[:<version or alias>]`
    const machine = request.stateMachineArn.split(':')[6] ?? 'unknown';
    const started = clock.now();
    this.metrics.executionStarted(machine);
    const result = await runExecution(this.compiled.of(request.definition), request.input, {
      ...nodeRuntime(),
      now: () => new Date(clock.now()),
      executionName: request.name,
      stateMachineArn: request.stateMachineArn,
      roleArn: request.roleArn,
      stateMachineType: 'EXPRESS',
      performTask: (task) => this.tasks.perform(task),
    });
    const timedOut = result.events[result.events.length - 1]?.type === 'ExecutionTimedOut';
    this.metrics.executionEnded(machine, timedOut ? 'TIMED_OUT' : result.status, started, clock.now());
    return result;
  }
}
