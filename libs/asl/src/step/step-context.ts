import { CompiledScope, CompiledState, CompiledStateMachine, ROOT_SCOPE } from '../definition/compiled.types';
import { StatesError, stateFailureCause } from '../errors/states-error';
import { HistoryEvent, HistoryEventType } from '../history/history-event.types';
import { EvalEnv, StepRuntime } from './runtime.types';
import { StepInspection, StepRequest } from './transition.types';

/** What a state handler works with during one step. */
export class StepContext {
  readonly events: HistoryEvent[] = [];
  readonly variables: Record<string, unknown>;
  /** The variables this state's Assign set, which its `…StateExited` event records. */
  assigned?: Record<string, unknown>;
  /**
   * `MapStateFailed`/`ParallelStateFailed` for a failed join: AWS records it when the failure is
   * caught or ends the (sub)machine, not when a retrier runs the state again.
   */
  failedEvent?: 'MapStateFailed' | 'ParallelStateFailed';

  constructor(
    readonly machine: CompiledStateMachine,
    readonly scope: CompiledScope,
    readonly state: CompiledState,
    readonly request: StepRequest,
    readonly runtime: StepRuntime,
    /** Where the stages of the state's data processing are recorded, when the caller inspects the step. */
    readonly inspection?: StepInspection,
  ) {
    this.variables = request.variables ?? {};
  }

  /** Records a stage of the state's data processing, when the step is inspected. */
  inspect<K extends keyof StepInspection>(stage: K, value: StepInspection[K]): void {
    if (this.inspection) this.inspection[stage] = value;
  }

  /** Whether the state belongs to the top-level machine (its end ends the execution). */
  get isRoot(): boolean {
    return this.scope.id === ROOT_SCOPE;
  }

  /** Whether this step re-runs the state after a Retry, so it was entered already. */
  get isRetry(): boolean {
    return (this.request.retryCounters?.length ?? 0) > 0;
  }

  /**
   * The id of this state's `…StateEntered` event: recorded by this step (counted from the
   * request's `firstEventId`) or by an earlier one (`enteredEventId`).
   */
  get enteredEventId(): number {
    const i = this.events.findIndex(
      (e) => e.type.endsWith('StateEntered') && e.stateName === this.state.name,
    );
    if (i >= 0) return (this.request.firstEventId ?? 0) + i;
    return this.request.enteredEventId ?? 0;
  }

  /** The cause of a failure while this state's fields are evaluated, as AWS words it. */
  stateFailure(err: StatesError): StatesError {
    if (!err.inState) return err;
    return new StatesError(
      err.error,
      stateFailureCause(this.state.name, this.enteredEventId, err.cause),
      false,
      err.location,
    );
  }

  /**
   * Records the `EvaluationFailed` event AWS writes when a JSONata expression of the state fails
   * (an error that names its `location`), before the failure is retried, caught or ends the run.
   */
  recordEvaluationFailure(err: StatesError): void {
    if (err.location === undefined) return;
    this.emit('EvaluationFailed', {
      error: err.error,
      cause: err.cause,
      location: err.location || undefined,
      state: this.state.name,
    });
  }

  /** Records a history event. */
  emit(type: HistoryEventType, details?: Record<string, unknown>, stateLevel = true): void {
    this.events.push(stateLevel ? { type, stateName: this.state.name, details } : { type, details });
  }

  /** An evaluation environment with `$` bound to `input`. */
  env(input: unknown, context: unknown = this.request.context): EvalEnv {
    return { input, context, variables: this.variables, runtime: this.runtime };
  }
}
