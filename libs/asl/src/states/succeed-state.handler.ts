import { StepContext } from '../step/step-context';
import { effectiveInput, jsonataResult, leaveState } from '../step/state-pipeline';
import { applyDataPath } from '../processing/json-path-io';
import { Transition } from '../step/transition.types';

/** Succeed: ends its (sub)machine successfully. */
export async function succeedStateHandler(ctx: StepContext): Promise<Transition> {
  const state = ctx.state;
  const input = ctx.request.input;
  ctx.emit('SucceedStateEntered', { name: state.name, input });
  if (state.queryLanguage === 'JSONata') {
    const { output } = await jsonataResult(ctx, undefined, input, state.output);
    return leaveState(ctx, output, ctx.variables, undefined);
  }
  const output = applyDataPath(state.outputPath, effectiveInput(ctx), ctx.env(undefined), 'OutputPath');
  return leaveState(ctx, output, ctx.variables, undefined);
}
