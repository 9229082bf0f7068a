import { HistoryEvent } from '../step/history-event.types';
import { ContextObject } from '../step/transition.types';

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

/** Options of `runExecution`; anything non-deterministic can be injected. */
export interface RunExecutionOptions {
  /** Task handlers by the Task's `Resource` string. */
  taskHandlers?: Record<string, TaskHandler>;
  /** The clock (default: the system clock). */
  now?: () => Date;
  /** How to wait for Wait states and Retry delays (default: real timers). */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) (default: Math.random). */
  random?: () => number;
  /** A v4 UUID (default: crypto.randomUUID). */
  uuid?: () => string;
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
  /** Stops a runaway execution after this many transitions (default 25,000, AWS's history limit). */
  maxTransitions?: number;
}

/** The outcome of `runExecution`. */
export interface ExecutionResult {
  /** An execution past its TimeoutSeconds is FAILED with States.Timeout and ends with ExecutionTimedOut. */
  status: 'SUCCEEDED' | 'FAILED';
  output?: unknown;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
}

/** The context an execution shares with every state. */
export type ExecutionContextBase = Pick<ContextObject, 'Execution' | 'StateMachine'>;
