import { FailState } from '../definition/compiled.types';
import { runtimeError } from '../errors/states-error';
import { resolveDynamic } from '../step/dynamic-value';
import { StepContext } from '../step/step-context';
import { failScope, jsonataStates } from '../step/state-pipeline';
import { Transition } from '../step/transition.types';

/** Fail: ends its (sub)machine with an error and cause; Retry and Catch do not apply. */
export async function failStateHandler(ctx: StepContext): Promise<Transition> {
  const state = ctx.state as FailState;
  const input = ctx.request.input;
  ctx.emit('FailStateEntered', { name: state.name, input });
  const env = ctx.env(input);
  const states = jsonataStates(ctx);
  const error = state.error ? await resolveDynamic(state.error, env, states) : undefined;
  const cause = state.cause ? await resolveDynamic(state.cause, env, states) : undefined;
  if (error !== undefined && typeof error !== 'string')
    throw runtimeError(
      `The value of ${state.error!.kind === 'path' ? 'ErrorPath' : 'Error'} must be a string.`,
    );
  if (cause !== undefined && typeof cause !== 'string')
    throw runtimeError(
      `The value of ${state.cause!.kind === 'path' ? 'CausePath' : 'Cause'} must be a string.`,
    );
  return failScope(ctx, error ?? '', cause ?? '');
}
