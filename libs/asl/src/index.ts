/**
 * Amazon States Language: validation, compilation, one-step transitions and an in-memory driver.
 * Pure: time, randomness and I/O come from the caller.
 */
export type { Diagnostic } from './validation/diagnostic.types';
export { validateDefinition, validateParsedDefinition } from './validation/validate-definition';
export { loadDefinition, InvalidDefinitionError } from './definition/load-definition';
export { compileDefinition, DefinitionError } from './definition/compile-definition';
export type {
  CompiledStateMachine,
  CompiledScope,
  CompiledState,
  QueryLanguage,
  StateType,
} from './definition/compiled.types';
export { ROOT_SCOPE } from './definition/compiled.types';
export { step } from './step/step';
export type { StepRuntime } from './step/runtime.types';
export type {
  ContextObject,
  ForkedRun,
  IterationOutcome,
  MapFork,
  PendingOutcome,
  StepRequest,
  TaskRequest,
  Transition,
} from './step/transition.types';
export type { HistoryEvent, HistoryEventType } from './step/history-event.types';
export { runExecution } from './driver/run-execution';
export type {
  ExecutionResult,
  ItemReaderRequest,
  ResultWriterRequest,
  RunExecutionOptions,
  TaskHandler,
} from './driver/run-execution.types';
export { StatesError, ErrorNames } from './errors/states-error';
export { errorMatches } from './errors/error-matcher';
export { parseJsonPath, JsonPathSyntaxError } from './jsonpath/json-path.parser';
export { selectPath, NOT_FOUND } from './jsonpath/json-path.evaluator';
export { INTRINSICS } from './intrinsics/intrinsic-registry';
export { parseIntrinsic } from './intrinsics/intrinsic.parser';
export { MAX_PAYLOAD_BYTES } from './json/payload-size';
