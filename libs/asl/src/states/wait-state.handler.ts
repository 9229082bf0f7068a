import { parseTimestamp } from '../choice/timestamp';
import { WaitState } from '../definition/compiled.types';
import { queryEvaluationError, runtimeError } from '../errors/states-error';
import { applyDataPath } from '../processing/json-path-io';
import { resolveDynamic, resolveInteger } from '../step/dynamic-value';
import { StepContext } from '../step/step-context';
import {
  effectiveInput,
  evaluateAssign,
  jsonataResult,
  jsonataStates,
  leaveState,
} from '../step/state-pipeline';
import { Transition } from '../step/transition.types';

/** Wait: asks the caller to wait until a time, then passes its input on. */
export async function waitStateHandler(ctx: StepContext): Promise<Transition> {
  const state = ctx.state as WaitState;
  const input = ctx.request.input;
  const jsonata = state.queryLanguage === 'JSONata';
  if (ctx.request.pending?.type === 'wait') {
    if (jsonata) {
      const { output, variables } = await jsonataResult(ctx, undefined, input, state.output, state.assign);
      return leaveState(ctx, output, variables);
    }
    const effective = effectiveInput(ctx);
    const variables = await evaluateAssign(ctx, state.assign, effective, jsonataStates(ctx));
    const output = applyDataPath(state.outputPath, effective, ctx.env(effective), 'OutputPath');
    return leaveState(ctx, output, variables);
  }
  ctx.emit('WaitStateEntered', { name: state.name, input });
  const env = ctx.env(jsonata ? input : effectiveInput(ctx));
  const states = jsonataStates(ctx);
  let until: number;
  if (state.seconds) {
    const seconds = await resolveInteger(
      state.seconds,
      env,
      states,
      state.seconds.kind === 'path' ? 'SecondsPath' : 'Seconds',
    );
    until = ctx.runtime.now().getTime() + seconds! * 1000;
  } else {
    const field = state.timestamp!;
    const value = await resolveDynamic(field, env, states);
    const ms = parseTimestamp(value);
    if (ms === undefined) {
      const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
      // Recorded against AWS: a TimestampPath value fails with States.Runtime, a JSONata
      // Timestamp with States.QueryEvaluationError, each in its own words.
      if (field.kind === 'jsonata')
        throw queryEvaluationError(
          `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${text}`,
          'Timestamp',
        );
      throw runtimeError(
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${field.kind === 'path' ? field.path.source : 'Timestamp'} == ${text}`,
      );
    }
    // AWS reads a timestamp to the second and drops its fraction (the Wait state's documentation).
    until = ms - (((ms % 1000) + 1000) % 1000);
  }
  return { type: 'wait', until: new Date(until).toISOString(), events: ctx.events };
}
