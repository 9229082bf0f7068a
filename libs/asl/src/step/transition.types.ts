import { HistoryEvent } from '../history/history-event.types';
import { StepRuntime } from './runtime.types';

/** The context object (`$$`) a state sees. */
export interface ContextObject {
  Execution: {
    Id: string;
    Input: unknown;
    StartTime: string;
    Name: string;
    RoleArn?: string;
    RedriveCount?: number;
  };
  /** RetryCount is there only in the states that can retry (Task, Parallel, Map), as on AWS. */
  State: { Name: string; EnteredTime: string; RetryCount?: number };
  StateMachine: { Id: string; Name: string };
  Task?: { Token: string };
  Map?: { Item: { Index: number; Value: unknown; Source?: string } };
  [key: string]: unknown;
}

/** One iteration's outcome, reported back when a Map state joins. */
export type IterationOutcome =
  { status: 'SUCCEEDED'; output: unknown } | { status: 'FAILED'; error: string; cause: string };

/** The outcome of what the previous transition asked the caller to do. */
export type PendingOutcome =
  | { type: 'task'; output: unknown }
  | { type: 'task'; error: string; cause: string; timedOut?: boolean }
  | { type: 'wait' }
  | { type: 'parallel'; outputs: unknown[] }
  | { type: 'parallel'; error: string; cause: string }
  | { type: 'map'; iterations: IterationOutcome[]; /** A Distributed Map's run. */ mapRunArn?: string }
  | { type: 'items'; items: unknown[] }
  | { type: 'items'; error: string; cause: string }
  | { type: 'written'; output: unknown }
  | { type: 'written'; error: string; cause: string };

/** Everything one step needs; all of it is JSON, so a caller can persist it between steps. */
export interface StepRequest {
  /** The (sub)machine holding the state; the top-level one when absent. */
  scope?: string;
  stateName: string;
  /** The state's raw input. */
  input: unknown;
  /** Workflow variables visible to the state. */
  variables?: Record<string, unknown>;
  context: ContextObject;
  /** Carried over from a `retry` transition. */
  retryCounters?: number[];
  /** Present when resuming after a task, wait, fork, item read or result write. */
  pending?: PendingOutcome;
  /**
   * The id the caller will give the first event this step returns (its events are recorded
   * together, in order). Failure causes name the id of the state's `…StateEntered` event.
   */
  firstEventId?: number;
  /** The id of the state's `…StateEntered` event, when an earlier step entered it (retry, resume). */
  enteredEventId?: number;
  /**
   * A redrive enters a Distributed Map state again whose run (this ARN) did not succeed: the run is
   * redriven (MapRunRedriven) instead of a new one started.
   */
  redriveMapRunArn?: string;
  /** The how-manieth redrive of that run this is (MapRunRedriven's redriveCount). */
  redriveMapRunCount?: number;
}

/** A task the caller must perform (a service call, an activity, a callback). */
export interface TaskRequest {
  resource: string;
  parameters: unknown;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  credentials?: unknown;
  /** `.waitForTaskToken`: the result arrives later through the token in `$$.Task.Token`. */
  waitForTaskToken: boolean;
  /** AWS's integration pattern, from the resource suffix: none, `.sync` (`:2`), `.waitForTaskToken`. */
  integrationPattern: 'REQUEST_RESPONSE' | 'RUN_JOB' | 'WAIT_FOR_TASK_TOKEN';
}

/** A branch or item to run as a child (sub)machine execution. */
export interface ForkedRun {
  scope: string;
  startAt: string;
  input: unknown;
  variables: Record<string, unknown>;
}

/** Items to run through a Map's processor, and how to join their results. */
export interface MapFork {
  mode: 'INLINE' | 'DISTRIBUTED';
  scope: string;
  startAt: string;
  runs: ForkedRun[];
  /** 0 means no limit. */
  maxConcurrency: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  label?: string;
  executionType?: string;
  /** A Distributed Map's run, as its MapRunStarted (or MapRunRedriven) event names it. */
  mapRunArn?: string;
  /** The run is one that did not succeed, redriven with its parent: its items are the stored ones. */
  redriven?: boolean;
}

/** The single, serialisable result of a step. */
export type Transition = (
  | { type: 'next'; next: string; output: unknown; variables: Record<string, unknown> }
  | { type: 'task'; task: TaskRequest }
  | { type: 'wait'; until: string }
  | { type: 'retry'; delaySeconds: number; retryCounters: number[] }
  | { type: 'parallel'; branches: ForkedRun[] }
  | { type: 'map'; map: MapFork }
  | {
      type: 'read-items';
      reader: {
        resource: string;
        parameters: unknown;
        readerConfig: Record<string, unknown>;
        maxItems?: number;
      };
    }
  | {
      type: 'write-results';
      writer: {
        resource?: string;
        parameters: unknown;
        writerConfig?: Record<string, unknown>;
        /** The run whose results these are. */
        mapRunArn?: string;
      };
      results: unknown[];
    }
  | { type: 'succeed'; output: unknown }
  | { type: 'fail'; error: string; cause: string }
) & { events: HistoryEvent[] };

/**
 * What a step did to its data on the way, for TestState's inspection: each stage of the state's
 * input and output processing, the variables after it, and which retrier or catcher took an error.
 * Only the stages the state went through are there.
 */
export interface StepInspection {
  input?: unknown;
  afterInputPath?: unknown;
  afterParameters?: unknown;
  afterArguments?: unknown;
  result?: unknown;
  afterResultSelector?: unknown;
  afterResultPath?: unknown;
  variables?: Record<string, unknown>;
  errorDetails?: { retryIndex?: number; retryBackoffIntervalSeconds?: number; catchIndex?: number };
}

/** Runtime dependencies of a step. */
export type StepOptions = { runtime: StepRuntime };
