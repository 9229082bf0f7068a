import { evaluateCondition, evaluateJsonataCondition } from '../choice/choice-rule.evaluator';
import { ChoiceState } from '../definition/compiled.types';
import { ErrorNames, StatesError } from '../errors/states-error';
import { applyDataPath } from '../processing/json-path-io';
import { StepContext } from '../step/step-context';
import {
  effectiveInput,
  evaluateAssign,
  jsonataResult,
  jsonataStates,
  leaveState,
} from '../step/state-pipeline';
import { Transition } from '../step/transition.types';

/** Choice: moves to the Next of the first matching rule, else to Default, else fails with States.NoChoiceMatched. */
export async function choiceStateHandler(ctx: StepContext): Promise<Transition> {
  const state = ctx.state as ChoiceState;
  const input = ctx.request.input;
  ctx.emit('ChoiceStateEntered', { name: state.name, input });
  if (state.queryLanguage === 'JSONata') {
    const states = jsonataStates(ctx);
    const env = ctx.env(input);
    for (const choice of state.choices) {
      if (choice.condition.kind !== 'jsonata') continue;
      if (await evaluateJsonataCondition(choice.condition, states, env)) {
        const { output, variables } = await jsonataResult(
          ctx,
          undefined,
          input,
          choice.output ?? state.output,
          choice.assign ?? state.assign,
        );
        return leaveState(ctx, output, variables, choice.next);
      }
    }
    if (state.default === undefined) throw noMatch(state);
    const { output, variables } = await jsonataResult(ctx, undefined, input, state.output, state.assign);
    return leaveState(ctx, output, variables, state.default);
  }
  const effective = effectiveInput(ctx);
  const env = ctx.env(effective);
  for (const choice of state.choices) {
    if (evaluateCondition(choice.condition, env)) {
      const variables = await evaluateAssign(
        ctx,
        choice.assign ?? state.assign,
        effective,
        jsonataStates(ctx),
      );
      const output = applyDataPath(state.outputPath, effective, env, 'OutputPath');
      return leaveState(ctx, output, variables, choice.next);
    }
  }
  if (state.default === undefined) throw noMatch(state);
  const variables = await evaluateAssign(ctx, state.assign, effective, jsonataStates(ctx));
  const output = applyDataPath(state.outputPath, effective, env, 'OutputPath');
  return leaveState(ctx, output, variables, state.default);
}

function noMatch(state: ChoiceState): StatesError {
  return new StatesError(ErrorNames.NoChoiceMatched, `No Matches! (in state '${state.name}')`);
}
