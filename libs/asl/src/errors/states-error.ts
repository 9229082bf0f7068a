/** The error names the States Language predefines. */
export const ErrorNames = {
  ALL: 'States.ALL',
  TaskFailed: 'States.TaskFailed',
  Permissions: 'States.Permissions',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  Runtime: 'States.Runtime',
  DataLimitExceeded: 'States.DataLimitExceeded',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  BranchFailed: 'States.BranchFailed',
  NoChoiceMatched: 'States.NoChoiceMatched',
  IntrinsicFailure: 'States.IntrinsicFailure',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  ItemReaderFailed: 'States.ItemReaderFailed',
  ResultWriterFailed: 'States.ResultWriterFailed',
  QueryEvaluationError: 'States.QueryEvaluationError',
} as const;

/** Every predefined `States.*` error name. */
export const PREDEFINED_ERROR_NAMES: ReadonlySet<string> = new Set(Object.values(ErrorNames));

/**
 * A failure with a States Language error name and a human-readable cause. A failure of the
 * interpreter while it evaluates a state's fields carries only the detail (`inState`); the step
 * that catches it prefixes the state's name and entered event id (see `stateFailureCause`).
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
    /** The cause is a detail that still takes the "error occurred while executing the state" prefix. */
    readonly inState = false,
    /**
     * Where in the state a JSONata evaluation failed (`Output`, `Arguments/FunctionName`): AWS then
     * records an `EvaluationFailed` event naming it before the failure takes its course. `''` for
     * an `EvaluationFailed` that names no field (a JSONata Map's input that is not an array).
     */
    readonly location?: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

/**
 * The cause AWS reports for a failure while a state's fields are evaluated: the state's name, the
 * id of its `…StateEntered` event, then the detail.
 */
export function stateFailureCause(stateName: string, enteredEventId: number, detail: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${detail}`;
}

/** A States.Runtime failure inside a state; `detail` is AWS's text after the state prefix. */
export function runtimeError(detail: string): StatesError {
  return new StatesError(ErrorNames.Runtime, detail, true);
}

/** A States.IntrinsicFailure inside a state; `detail` is AWS's text after the state prefix. */
export function intrinsicFailure(detail: string): StatesError {
  return new StatesError(ErrorNames.IntrinsicFailure, detail, true);
}

/**
 * A States.QueryEvaluationError inside a state; `detail` is AWS's text after the state prefix,
 * `location` the field whose JSONata expression failed, when there is one.
 */
export function queryEvaluationError(detail: string, location?: string): StatesError {
  return new StatesError(ErrorNames.QueryEvaluationError, detail, true, location);
}
