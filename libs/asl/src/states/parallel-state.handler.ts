import { ParallelState } from '../definition/compiled.types';
import { ErrorNames, StatesError } from '../errors/states-error';
import { StepContext } from '../step/step-context';
import {
  effectiveInput,
  evaluateTemplate,
  jsonataResult,
  jsonataStates,
  jsonPathResult,
  leaveState,
} from '../step/state-pipeline';
import { Transition } from '../step/transition.types';

/** Parallel: forks every branch on the same input and joins their outputs, in branch order, into an array. */
export async function parallelStateHandler(ctx: StepContext): Promise<Transition> {
  const state = ctx.state as ParallelState;
  const pending = ctx.request.pending;
  if (pending?.type === 'parallel') {
    if ('error' in pending) {
      ctx.failedEvent = 'ParallelStateFailed';
      // A branch that ended in a Fail state without an Error still fails the Parallel state.
      throw new StatesError(pending.error || ErrorNames.BranchFailed, pending.cause);
    }
    ctx.emit('ParallelStateSucceeded');
    const { output, variables } =
      state.queryLanguage === 'JSONata'
        ? await jsonataResult(ctx, pending.outputs, pending.outputs, state.output, state.assign)
        : await jsonPathResult(ctx, pending.outputs);
    return leaveState(ctx, output, variables);
  }
  if (!ctx.isRetry) ctx.emit('ParallelStateEntered', { name: state.name, input: ctx.request.input });
  const jsonata = state.queryLanguage === 'JSONata';
  const effective = jsonata ? ctx.request.input : effectiveInput(ctx);
  const template = jsonata ? state.arguments : state.parameters;
  const input = template ? await evaluateTemplate(ctx, template, effective, jsonataStates(ctx)) : effective;
  ctx.emit('ParallelStateStarted');
  const branches = state.branches.map((scope) => ({
    scope,
    startAt: ctx.machine.scopes.get(scope)!.startAt,
    input,
    variables: { ...ctx.variables },
  }));
  return { type: 'parallel', branches, events: ctx.events };
}
