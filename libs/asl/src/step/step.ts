import { CompiledStateMachine, ROOT_SCOPE, StateType } from '../definition/compiled.types';
import { StatesError, ErrorNames } from '../errors/states-error';
import { choiceStateHandler } from '../states/choice-state.handler';
import { failStateHandler } from '../states/fail-state.handler';
import { mapStateHandler } from '../states/map-state.handler';
import { parallelStateHandler } from '../states/parallel-state.handler';
import { passStateHandler } from '../states/pass-state.handler';
import { succeedStateHandler } from '../states/succeed-state.handler';
import { taskStateHandler } from '../states/task-state.handler';
import { waitStateHandler } from '../states/wait-state.handler';
import { handleStateError } from './error-handling';
import { StepRuntime } from './runtime.types';
import { StateHandler } from './state-handler.types';
import { StepContext } from './step-context';
import { failScope } from './state-pipeline';
import { StepInspection, StepRequest, Transition } from './transition.types';

const HANDLERS: Record<StateType, StateHandler> = {
  Pass: passStateHandler,
  Task: taskStateHandler,
  Choice: choiceStateHandler,
  Wait: waitStateHandler,
  Succeed: succeedStateHandler,
  Fail: failStateHandler,
  Parallel: parallelStateHandler,
  Map: mapStateHandler,
};

/**
 * Advances an execution by one state: from the state's input (and the outcome of whatever the
 * previous transition asked for) to a single serialisable transition plus its history events.
 * Deterministic given the request and the runtime's answers.
 */
export function step(
  machine: CompiledStateMachine,
  request: StepRequest,
  runtime: StepRuntime,
): Promise<Transition> {
  return runStep(machine, request, runtime);
}

/**
 * `step`, recording what the state did to its data on the way (TestState's inspection data): the
 * stages are added to `inspection`, which may hold those of an earlier step of the same state.
 */
export async function inspectStep(
  machine: CompiledStateMachine,
  request: StepRequest,
  runtime: StepRuntime,
  inspection: StepInspection,
): Promise<Transition> {
  inspection.input ??= request.input;
  return runStep(machine, request, runtime, inspection);
}

async function runStep(
  machine: CompiledStateMachine,
  request: StepRequest,
  runtime: StepRuntime,
  inspection?: StepInspection,
): Promise<Transition> {
  const scope = machine.scopes.get(request.scope ?? ROOT_SCOPE);
  if (!scope) throw new Error(`Unknown scope '${request.scope}'`);
  const state = scope.states.get(request.stateName);
  if (!state) throw new Error(`Unknown state '${request.stateName}' in scope '${scope.id}'`);
  const ctx = new StepContext(machine, scope, state, request, runtime, inspection);
  try {
    return await HANDLERS[state.type](ctx);
  } catch (e) {
    const err = ctx.stateFailure(
      e instanceof StatesError
        ? e
        : new StatesError(ErrorNames.Runtime, (e as Error)?.message ?? String(e), true),
    );
    ctx.recordEvaluationFailure(err);
    if (state.type === 'Task' || state.type === 'Parallel' || state.type === 'Map')
      return handleStateError(ctx, err);
    return failScope(ctx, err.error, err.cause);
  }
}
