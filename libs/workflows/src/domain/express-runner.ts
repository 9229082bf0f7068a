import { Injectable } from '@nestjs/common';
import { type ExecutionResult, type HistoryEvent, runExecution } from '@switchyard/asl';
import { nodeRuntime } from '@switchyard/asl-node';
import { Clock } from '@switchyard/runtime';
import { type ExpressRunSummary, RecentExpressStore } from '../store/recent-express.store';
import { CompiledMachines } from './compiled-machines';
import { storeEvent } from './stored-event';
import { TaskPerformer } from './task-performer';
import { WorkflowMetrics } from './workflow-metrics';

/** What an Express execution runs. */
export interface ExpressRequest {
  readonly definition: string;
  readonly stateMachineArn: string;
  readonly roleArn: string;
  readonly name: string;
  readonly input: unknown;
  /** The input as the client sent it (JSON text), kept in the recent buffer; default the input serialised. */
  readonly inputText?: string;
}

/** How an Express execution ended, and when it started and stopped (ms). */
export interface ExpressResult extends ExecutionResult {
  readonly startDate: number;
  readonly stopDate: number;
}

/** AWS's limit on an Express execution's duration. */
export const EXPRESS_LIMIT_MS = 5 * 60 * 1000;

/** History events the recent buffer keeps of one run at most (the last is always the run's end). */
const MAX_RECORDED_EVENTS = 1000;
/** Characters of history events the recent buffer keeps of one run at most. */
const MAX_RECORDED_HISTORY_CHARS = 1024 * 1024;
/** Larger inputs and outputs are left out of a run's summary in the buffer (its history still has them). */
const MAX_RECORDED_PAYLOAD_CHARS = 32 * 1024;

/**
 * Runs Express executions in memory, to their end: in the gateway for StartSyncExecution, on an
 * executor for an asynchronous start. Lambda tasks go through the task performer. Each run that ends
 * is recorded in its account's recent buffer (`RecentExpressStore`, one Lua step) for the console.
 */
@Injectable()
export class ExpressRunner {
  constructor(
    private readonly compiled: CompiledMachines,
    private readonly tasks: TaskPerformer,
    private readonly clock: Clock,
    private readonly metrics: WorkflowMetrics,
    private readonly recent: RecentExpressStore,
  ) {}

  async run(request: ExpressRequest): Promise<ExpressResult> {
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
    // The run's first and last events are its start and its end, as AWS dates them.
    const startDate = result.eventTimes[0] ?? started;
    const stopDate = result.eventTimes[result.eventTimes.length - 1] ?? clock.now();
    this.metrics.executionEnded(machine, timedOut ? 'TIMED_OUT' : result.status, startDate, stopDate);
    this.record(request, result, timedOut, startDate, stopDate);
    return { ...result, startDate, stopDate };
  }

  /** Hands the run to the recent buffer, which writes it shortly (and never fails the run). */
  private record(
    request: ExpressRequest,
    result: ExecutionResult,
    timedOut: boolean,
    started: number,
    stopped: number,
  ): void {
    const input = request.inputText ?? JSON.stringify(request.input);
    const output = result.status === 'SUCCEEDED' ? JSON.stringify(result.output ?? null) : undefined;
    const history = recordedHistory(result.events, result.eventTimes);
    const run: ExpressRunSummary = {
      executionArn: result.executionArn,
      stateMachineArn: request.stateMachineArn,
      name: request.name,
      status: result.status === 'SUCCEEDED' ? 'SUCCEEDED' : timedOut ? 'TIMED_OUT' : 'FAILED',
      startDate: started,
      stopDate: stopped,
      ...(input.length <= MAX_RECORDED_PAYLOAD_CHARS ? { input } : { inputDetails: { included: false } }),
      ...(output === undefined
        ? {}
        : output.length <= MAX_RECORDED_PAYLOAD_CHARS
          ? { output }
          : { outputDetails: { included: false } }),
      ...(result.error !== undefined ? { error: result.error } : {}),
      ...(result.cause !== undefined ? { cause: result.cause } : {}),
      ...(history.truncated ? { historyTruncated: true } : {}),
    };
    // `arn:aws:states:<region>:<account>:…`
    const accountId = request.stateMachineArn.split(':')[4] ?? '';
    this.recent.record(accountId, run, history.events);
  }
}

/**
 * A run's history events as the buffer keeps them, shaped as a Standard execution's (`storeEvent`)
 * with the times the run recorded them, at most MAX_RECORDED_EVENTS and MAX_RECORDED_HISTORY_CHARS
 * (then the first ones and the last).
 */
function recordedHistory(
  events: readonly HistoryEvent[],
  times: readonly number[],
): { events: string[]; truncated: boolean } {
  const out: string[] = [];
  let chars = 0;
  const last = events.length - 1;
  for (let i = 0; i < events.length; i++) {
    const text = storeEvent(events[i], times[i]);
    if (
      i < last &&
      (out.length >= MAX_RECORDED_EVENTS - 1 || chars + text.length > MAX_RECORDED_HISTORY_CHARS)
    ) {
      out.push(storeEvent(events[last], times[last]));
      return { events: out, truncated: true };
    }
    out.push(text);
    chars += text.length;
  }
  return { events: out, truncated: false };
}
