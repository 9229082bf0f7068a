import { runtimeError } from '../errors/states-error';
import { NOT_FOUND, selectPath } from '../jsonpath/json-path.evaluator';
import { CompiledPath } from '../jsonpath/json-path.types';
import { EvalEnv } from '../step/runtime.types';
import { INTRINSICS } from './intrinsic-registry';
import { IntrinsicCall } from './intrinsic.types';

/** Evaluates a parsed intrinsic call against the state's data, context and variables. */
export function evaluateIntrinsic(
  call: IntrinsicCall,
  env: EvalEnv,
  source = call.source ?? call.name,
): unknown {
  const fn = INTRINSICS.get(call.name)!;
  const values: unknown[] = [];
  for (const a of call.args) {
    if (a.kind === 'literal') values.push(a.value);
    else if (a.kind === 'call') values.push(evaluateIntrinsic(a.call, env, source));
    else {
      const v = selectPath(a.path, env);
      if (v === NOT_FOUND) throw runtimeError(missingArgumentDetail(source, a.path, env));
      values.push(v);
    }
  }
  return fn.evaluate(values, env.runtime);
}

/**
 * AWS's detail (States.Runtime, recorded in us-east-1, see floci-io/floci#2870) for a path
 * argument that selects nothing: it names the whole expression, even when a nested call took
 * the argument, and quotes the document the path was read from.
 */
function missingArgumentDetail(source: string, path: CompiledPath, env: EvalEnv): string {
  const document =
    path.root.kind === 'input' ? env.input : path.root.kind === 'context' ? env.context : env.variables;
  return `The function '${source}' had the following error: The JsonPath argument for the field '${path.source}' could not be found in the input '${JSON.stringify(document ?? null)}'`;
}
