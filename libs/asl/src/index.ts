/**
 * Amazon States Language: validation, compilation, one-step transitions and an in-memory driver.
 * Pure: time, randomness, hashing and I/O come from the caller (`@switchyard/asl-node` has Node's).
 */
export type { Diagnostic } from './validation/diagnostic.types';
export { validateDefinition } from './validation/validate-definition';
export { loadDefinition, InvalidDefinitionError } from './definition/load-definition';
export type { CompiledStateMachine } from './definition/compiled.types';
export { inspectStep, step } from './step/step';
export type { StepRuntime } from './step/runtime.types';
export type { ContextObject, StepInspection, StepRequest, Transition } from './step/transition.types';
export { runExecution } from './driver/run-execution';
export { testState, UntestableState } from './driver/test-state';
export type { TestStateOptions, TestStateResult } from './driver/test-state';
export type { ExecutionResult, RunExecutionOptions } from './driver/run-execution.types';
export type { HistoryEvent, HistoryEventType } from './history/history-event.types';
export { HistoryRecorder } from './history/history-recorder';
export type { HistoryThread } from './history/history-recorder';
export { toAwsHistoryEvent, detailsMember } from './history/aws-history-event';
export type { AwsHistoryEvent } from './history/aws-history-event';
export { ExecutionEngine, ROOT_THREAD } from './engine/execution-engine';
export type { EffectOutcome, EngineStartOptions } from './engine/execution-engine';
export type { Advance, EngineEffect, EngineState, ThreadState } from './engine/execution-engine.types';
export type { IterationOutcome, MapFork, PendingOutcome, TaskRequest } from './step/transition.types';
