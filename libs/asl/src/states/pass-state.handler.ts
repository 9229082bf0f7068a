import { PassState } from '../definition/compiled.types';
import { evaluatePayloadTemplate } from '../processing/payload-template';
import { StepContext } from '../step/step-context';
import { effectiveInput, jsonataResult, jsonPathResult, leaveState } from '../step/state-pipeline';
import { Transition } from '../step/transition.types';

/** Pass: passes its input (or a fixed Result, or a Parameters/Output template) to the next state. */
export async function passStateHandler(ctx: StepContext): Promise<Transition> {
  const state = ctx.state as PassState;
  const input = ctx.request.input;
  ctx.emit('PassStateEntered', { name: state.name, input });
  if (state.queryLanguage === 'JSONata') {
    const { output, variables } = await jsonataResult(ctx, undefined, input, state.output, state.assign);
    return leaveState(ctx, output, variables);
  }
  const effective = effectiveInput(ctx);
  let result = effective;
  if (state.result) result = state.result.value;
  else if (state.parameters) {
    result = evaluatePayloadTemplate(state.parameters, ctx.env(effective));
    ctx.inspect('afterParameters', result);
  }
  const { output, variables } = await jsonPathResult(ctx, result, { resultSelector: false });
  return leaveState(ctx, output, variables);
}
