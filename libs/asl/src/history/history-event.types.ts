/** The history event types a step can record, named as AWS names them. */
export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionTimedOut'
  | 'ExecutionAborted'
  | 'ExecutionRedriven'
  | `${'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map'}StateEntered`
  | `${'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Parallel' | 'Map'}StateExited`
  | 'TaskScheduled'
  | 'TaskStarted'
  | 'TaskSubmitted'
  | 'TaskSucceeded'
  | 'TaskFailed'
  | 'TaskTimedOut'
  | 'LambdaFunctionScheduled'
  | 'LambdaFunctionStarted'
  | 'LambdaFunctionSucceeded'
  | 'LambdaFunctionFailed'
  | 'LambdaFunctionTimedOut'
  | 'ActivityScheduled'
  | 'ActivityStarted'
  | 'ActivitySucceeded'
  | 'ActivityFailed'
  | 'ActivityTimedOut'
  | 'ParallelStateStarted'
  | 'ParallelStateSucceeded'
  | 'ParallelStateFailed'
  | 'MapStateStarted'
  | 'MapStateSucceeded'
  | 'MapStateFailed'
  | 'MapIterationStarted'
  | 'MapIterationSucceeded'
  | 'MapIterationFailed'
  | 'MapIterationAborted'
  | 'MapRunStarted'
  | 'MapRunRedriven'
  | 'MapRunSucceeded'
  | 'MapRunFailed'
  | 'EvaluationFailed';

/** One history event; the recorder (`HistoryRecorder`) adds the ids, the caller the timestamp. */
export interface HistoryEvent {
  readonly type: HistoryEventType;
  /** 1-based position in the execution's history. */
  readonly id?: number;
  /** The event this one follows in its thread (0 for none), as AWS links them. */
  readonly previousEventId?: number;
  /** Present on state-level events. */
  readonly stateName?: string;
  /** The event's details, shaped like AWS's `*EventDetails`. */
  readonly details?: Record<string, unknown>;
}
