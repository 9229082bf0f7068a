import type { HistoryEvent } from '../history/history-event.types';
import type { HistoryThread } from '../history/history-recorder';
import type {
  ContextObject,
  ForkedRun,
  IterationOutcome,
  MapFork,
  PendingOutcome,
  TaskRequest,
} from '../step/transition.types';
import type { ExecutionContextBase } from '../driver/run-execution.types';

/** How a (sub)machine run ended: its output, its error, or aborted because a sibling failed. */
export type ScopeOutcome =
  { ok: true; output: unknown } | { ok: false; error: string; cause: string; aborted?: boolean };

/**
 * One line of execution: the top level, a Parallel branch or a Map iteration. All of it is JSON, so
 * a host can keep it between steps (in Redis) and any process can take the next step.
 */
export interface ThreadState {
  readonly id: string;
  /** The fork (Parallel or Map of another thread) this thread runs in. */
  readonly forkId?: string;
  /** The branch or iteration index in that fork. */
  readonly index?: number;
  /** A Map slot (iterations run one after another in a slot, up to MaxConcurrency slots). */
  readonly slot?: number;
  /** The Distributed Map fork whose own history the thread's events go to; absent: the execution's. */
  readonly historyOf?: string;
  scope: string;
  stateName: string;
  input: unknown;
  variables: Record<string, unknown>;
  context: ContextObject;
  retryCounters?: number[];
  pending?: PendingOutcome;
  enteredEventId?: number;
  position: HistoryThread;
  /** What the thread waits for; absent while it is runnable (in the run queue). */
  waiting?: ThreadWait;
  /** The number of the thread's current wait (unique in the execution): an effect's outcome names the wait it ends, so a stale one is ignored. */
  waits?: number;
  /** A redriven top level entering again the Distributed Map whose run failed: that run is redriven. */
  redriveMapRunArn?: string;
  /** The how-manieth redrive of that run this is. */
  redriveMapRunCount?: number;
  /** The outcomes of the branches or iterations of the fork this thread just joined, for a redrive. */
  joined?: KeptOutcomes;
  /** A redriven top level entering again a Parallel or inline Map: what of it succeeded is not run again. */
  redriveKept?: KeptOutcomes;
}

/**
 * The branches (Parallel) or iterations (inline Map) of a fork that succeeded, by index, with their
 * outputs: a redrive runs only the others again, as AWS's does.
 */
export interface KeptOutcomes {
  readonly kind: 'parallel' | 'map';
  /** How many branches or iterations the fork had. */
  readonly count: number;
  readonly outputs: Record<string, unknown>;
}

/** What a thread that is not runnable waits for. */
export type ThreadWait =
  | { type: 'timer'; dueMs: number; then: 'wait' | 'retry'; retryCounters?: number[] }
  | { type: 'task'; task: TaskRequest }
  | { type: 'items'; reader: ItemsRequest }
  | { type: 'written'; writer: WriteRequest }
  | { type: 'children'; forkId: string }
  /**
   * A Distributed Map run as child executions its host runs (`childMapRuns`). Once the host has
   * stored the run, its inputs are dropped here (`runs` empty) and `total` says how many there were.
   */
  | { type: 'map-run'; map: MapFork; total: number };

export interface ItemsRequest {
  resource: string;
  parameters: unknown;
  readerConfig: Record<string, unknown>;
  maxItems?: number;
}

export interface WriteRequest {
  resource?: string;
  parameters: unknown;
  writerConfig?: Record<string, unknown>;
  results: unknown[];
  /** The run whose results these are. */
  mapRunArn?: string;
}

/** Branches of a Parallel state, or iterations of a Map state, and how they join. */
export interface ForkState {
  readonly id: string;
  readonly kind: 'parallel' | 'map';
  /** The thread that forked, which resumes at the join. */
  readonly owner: string;
  readonly stateName: string;
  /** A Distributed Map's iterations keep histories of their own, not the execution's. */
  readonly detached: boolean;
  readonly mode?: 'INLINE' | 'DISTRIBUTED';
  /** Map: every iteration to run; Parallel: the branches. */
  readonly runs: ForkedRun[];
  /** Map: the next iteration to start. */
  next: number;
  /** Threads of the fork that have not ended. */
  running: number;
  aborted: boolean;
  /** Parallel: outputs by branch; Map: outcomes by iteration. */
  results: (unknown | IterationOutcome | null)[];
  /** Parallel: the branches that succeeded (their outputs may be null). */
  ok?: boolean[];
  /** Parallel: the first failure, and where its branch's history ended. */
  failed?: { error: string; cause: string; position: HistoryThread };
  /** Map: where each slot's history chain ends. */
  chains: number[];
  /** Map: the last MapIterationSucceeded; the inline join links to it. */
  joinAt: number;
  /** Where the latest-ending branch's history ended; the Parallel join links to it. */
  maxEnd: number;
  /** Map: where a failed inline iteration's history ended. */
  failedAt?: number;
  /** Detached forks number their own events. */
  nextDetachedId: number;
  /** A Distributed Map's run. */
  mapRunArn?: string;
}

/** An execution between steps. */
export interface EngineState {
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  readonly base: ExecutionContextBase;
  /** When the execution started (or was last redriven): its TimeoutSeconds count from here. */
  startedMs: number;
  /** The id the next event of the execution's history gets. */
  nextEventId: number;
  transitions: number;
  readonly maxTransitions: number;
  timedOut: boolean;
  /** Runnable threads, first come first served. */
  runQueue: string[];
  threads: Record<string, ThreadState>;
  forks: Record<string, ForkState>;
  /** How many threads and forks were ever made, for their ids. */
  made: number;
  /** How many waits were ever begun, for their numbers. */
  waits?: number;
  output?: unknown;
  error?: string;
  cause?: string;
  /** Where the top level was when the execution failed: the state a redrive enters again. */
  redriveFrom?: RedrivePoint;
  /** The scope the top level runs (a Distributed Map's item processor, for a child execution); absent: the machine's. */
  rootScope?: string;
  /** How many times each Distributed Map run of the execution has been redriven, by its ARN. */
  mapRunRedrives?: Record<string, number>;
  /** Distributed Maps run as child executions the host runs (a `map-run` effect), not as threads here. */
  childMapRuns?: boolean;
}

/** A top-level state to enter again, with the input and variables it had. */
export interface RedrivePoint {
  stateName: string;
  input: unknown;
  variables: Record<string, unknown>;
  /** The state is a Distributed Map whose run did not succeed: a redrive redrives that run. */
  mapRunArn?: string;
  /** The state is a Parallel or inline Map: what of it succeeded, which a redrive keeps. */
  kept?: KeptOutcomes;
}

/** What the host must do after a step: perform a task, arm a timer, read or write Map items. */
export type EngineEffect = { threadId: string; /** The wait it ends (ThreadState.waits). */ wait: number } & (
  | { type: 'task'; task: TaskRequest; context: ContextObject }
  | { type: 'timer'; dueMs: number; ms: number }
  | { type: 'items'; reader: ItemsRequest }
  | { type: 'written'; writer: WriteRequest }
  | { type: 'map-run'; map: MapFork }
);

/** The outcome of one `advance` or `resume`: events for the execution's history, and effects to perform. */
export interface Advance {
  events: HistoryEvent[];
  effects: EngineEffect[];
}
