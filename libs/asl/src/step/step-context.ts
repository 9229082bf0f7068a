import { CompiledScope, CompiledState, CompiledStateMachine, ROOT_SCOPE } from '../definition/compiled.types';
import { HistoryEvent, HistoryEventType } from './history-event.types';
import { EvalEnv, StepRuntime } from './runtime.types';
import { StepRequest } from './transition.types';

/** What a state handler works with during one step. */
export class StepContext {
  readonly events: HistoryEvent[] = [];
  readonly variables: Record<string, unknown>;

  constructor(
    readonly machine: CompiledStateMachine,
    readonly scope: CompiledScope,
    readonly state: CompiledState,
    readonly request: StepRequest,
    readonly runtime: StepRuntime,
  ) {
    this.variables = request.variables ?? {};
  }

  /** Whether the state belongs to the top-level machine (its end ends the execution). */
  get isRoot(): boolean {
    return this.scope.id === ROOT_SCOPE;
  }

  /** Whether this step re-runs the state after a Retry, so it was entered already. */
  get isRetry(): boolean {
    return (this.request.retryCounters?.length ?? 0) > 0;
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
