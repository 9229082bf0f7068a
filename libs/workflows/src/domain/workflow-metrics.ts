import { Injectable } from '@nestjs/common';
import { Metrics } from '@switchyard/runtime';
import type { Counter, Histogram } from 'prom-client';

/** Execution times, in seconds: from an Express run of a few steps to Standard executions of days. */
const EXECUTION_TIME_BUCKETS = [
  0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600, 21_600, 86_400, 604_800,
];

/** What an execution ended as, in the counter of that status. */
const ENDED: Record<string, 'succeeded' | 'failed' | 'timedOut' | 'aborted'> = {
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  TIMED_OUT: 'timedOut',
  ABORTED: 'aborted',
};

/**
 * Step Functions' CloudWatch metrics per state machine (label `state_machine`, its name; a
 * Distributed Map's children count under `<machine>/<map label>`), counted by the process that did
 * the work: a Standard execution starts in the gateway and ends in the executor that commits its end
 * (or the gateway that stopped it); an Express one runs wholly where it runs.
 */
@Injectable()
export class WorkflowMetrics {
  private readonly started: Counter<'state_machine'>;
  private readonly ended: Record<(typeof ENDED)[string], Counter<'state_machine'>>;
  private readonly time: Histogram<'state_machine'>;

  constructor(metrics: Metrics) {
    const counter = (name: string, help: string) => metrics.counter(name, help, ['state_machine']);
    this.started = counter(
      'switchyard_states_executions_started_total',
      'Executions started (ExecutionsStarted).',
    );
    this.ended = {
      succeeded: counter(
        'switchyard_states_executions_succeeded_total',
        'Executions that succeeded (ExecutionsSucceeded).',
      ),
      failed: counter(
        'switchyard_states_executions_failed_total',
        'Executions that failed (ExecutionsFailed).',
      ),
      timedOut: counter(
        'switchyard_states_executions_timed_out_total',
        'Executions that timed out (ExecutionsTimedOut).',
      ),
      aborted: counter(
        'switchyard_states_executions_aborted_total',
        'Executions stopped by StopExecution (ExecutionsAborted).',
      ),
    };
    this.time = metrics.histogram(
      'switchyard_states_execution_time_seconds',
      'Time from the start of an execution to its end, in seconds (ExecutionTime).',
      ['state_machine'],
      EXECUTION_TIME_BUCKETS,
    );
  }

  executionStarted(machine: string): void {
    this.started.inc({ state_machine: machine });
  }

  /** An execution of `machine` that ended with `status` (SUCCEEDED, FAILED, TIMED_OUT, ABORTED). */
  executionEnded(machine: string, status: string, startedMs: number, stoppedMs: number): void {
    const counter = ENDED[status];
    if (!counter) return;
    this.ended[counter].inc({ state_machine: machine });
    if (Number.isFinite(startedMs))
      this.time.observe({ state_machine: machine }, Math.max(0, stoppedMs - startedMs) / 1000);
  }
}
