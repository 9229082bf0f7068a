import { CompiledPath } from '../jsonpath/json-path.types';
import { StepRuntime } from '../step/runtime.types';

/** One argument of an intrinsic call as written in the definition. */
export type IntrinsicArg =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'path'; path: CompiledPath }
  | { kind: 'call'; call: IntrinsicCall };

/** A parsed `States.X(…)` call. */
export interface IntrinsicCall {
  readonly name: string;
  readonly args: readonly IntrinsicArg[];
  /** The whole expression as written, on the outermost call only (AWS quotes it in causes). */
  readonly source?: string;
}

/** How one intrinsic is checked when parsed and computed when evaluated. */
export interface IntrinsicFunction {
  readonly name: string;
  /** Inclusive bounds on the argument count. */
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Extra parse-time checks on literal arguments; returns a message when invalid. */
  check?(args: readonly IntrinsicArg[]): string | undefined;
  /** Computes the result from evaluated argument values; throws StatesError on bad arguments. */
  evaluate(args: unknown[], runtime: StepRuntime): unknown;
}
