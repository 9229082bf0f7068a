import { HistoryEvent } from '../history/history-event.types';
import { StepRuntime } from '../step/runtime.types';
import { ContextObject, PendingOutcome, TaskRequest } from '../step/transition.types';

/** Performs a Task: receives the task's parameters and the context object, returns its result. */
export type TaskHandler = (input: unknown, context: unknown) => Promise<unknown>;

/** What a Distributed Map's ItemReader asks the caller to read. */
export interface ItemReaderRequest {
  resource: string;
  parameters: unknown;
  readerConfig: Record<string, unknown>;
  maxItems?: number;
}

/** What a Distributed Map's ResultWriter asks the caller to write. */
export interface ResultWriterRequest {
  resource?: string;
  parameters: unknown;
  writerConfig?: Record<string, unknown>;
  results: unknown[];
}

/**
 * What an in-memory run needs from its host beyond a step's runtime: a way to wait. `@switchyard/asl-node`
 * supplies Node's (the system clock, Math.random, crypto and timers).
 */
export interface ExecutionRuntime extends StepRuntime {
  /** Waits out Wait states and Retry delays. */
  sleep(ms: number): Promise<void>;
}

/** Options of `runExecution`: the runtime comes from the caller, so a run can be made deterministic. */
export interface RunExecutionOptions extends ExecutionRuntime {
  /** Task handlers by the Task's `Resource` string. */
  taskHandlers?: Record<string, TaskHandler>;
  /** Performs any Task the handlers above do not name (a host's service integrations). */
  performTask?: (task: TaskRequest, context: ContextObject) => Promise<PendingOutcome>;
  /** Reads a Distributed Map's items. */
  itemReader?: (request: ItemReaderRequest) => Promise<unknown[]>;
  /** Writes a Distributed Map's results and returns the Map's result. */
  resultWriter?: (request: ResultWriterRequest) => Promise<unknown>;
  /** Execution name (default: a UUID). */
  executionName?: string;
  /** State machine ARN used in the context object. */
  stateMachineArn?: string;
  /** Role ARN used in the context object. */
  roleArn?: string;
  /** The workflow type; an EXPRESS execution's `$$.Execution.Id` is an `:express:` ARN (default STANDARD). */
  stateMachineType?: 'STANDARD' | 'EXPRESS';
  /** Stops a runaway execution after this many transitions (default 25,000, AWS's history limit). */
  maxTransitions?: number;
}

/** The outcome of `runExecution`. */
export interface ExecutionResult {
  /** `$$.Execution.Id`: the execution's ARN (an Express execution's says `express`). */
  executionArn: string;
  /** An execution past its TimeoutSeconds is FAILED with States.Timeout and ends with ExecutionTimedOut. */
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  /** When each event was recorded (ms since the epoch, by the runtime's `now`), index for index. */
  eventTimes: number[];
}

/** The context an execution shares with every state. */
export type ExecutionContextBase = Pick<ContextObject, 'Execution' | 'StateMachine'>;
