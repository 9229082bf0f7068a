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

/** A failure with a States Language error name and a human-readable cause. */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

/** Shorthand for a States.Runtime failure. */
export function runtimeError(cause: string): StatesError {
  return new StatesError(ErrorNames.Runtime, cause);
}

/** Shorthand for a States.IntrinsicFailure. */
export function intrinsicFailure(cause: string): StatesError {
  return new StatesError(ErrorNames.IntrinsicFailure, cause);
}

/** Shorthand for a States.QueryEvaluationError. */
export function queryEvaluationError(cause: string): StatesError {
  return new StatesError(ErrorNames.QueryEvaluationError, cause);
}
