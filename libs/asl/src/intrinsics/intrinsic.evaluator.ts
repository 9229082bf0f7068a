import { intrinsicFailure } from '../errors/states-error';
import { NOT_FOUND, selectPath } from '../jsonpath/json-path.evaluator';
import { EvalEnv } from '../step/runtime.types';
import { INTRINSICS } from './intrinsic-registry';
import { IntrinsicCall } from './intrinsic.types';

/** Evaluates a parsed intrinsic call against the state's data, context and variables. */
export function evaluateIntrinsic(call: IntrinsicCall, env: EvalEnv): unknown {
  const fn = INTRINSICS.get(call.name)!;
  const values: unknown[] = [];
  for (const a of call.args) {
    if (a.kind === 'literal') values.push(a.value);
    else if (a.kind === 'call') values.push(evaluateIntrinsic(a.call, env));
    else {
      const v = selectPath(a.path, env);
      if (v === NOT_FOUND)
        throw intrinsicFailure(
          `Invalid arguments in ${call.name}: the path ${a.path.source} could not be found in the input.`,
        );
      values.push(v);
    }
  }
  return fn.evaluate(values, env.runtime);
}
