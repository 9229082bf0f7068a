import { IntrinsicCall } from '../intrinsics/intrinsic.types';
import { ChoiceCondition } from '../choice/choice-rule.types';
import { CompiledJsonata } from '../jsonata/jsonata-expression';
import { JsonataTemplate } from '../jsonata/jsonata-template';
import { CompiledPath } from '../jsonpath/json-path.types';
import { PayloadTemplate } from '../processing/payload-template';

/** The two query languages a state can use. */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** The eight state types. */
export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

/** A field that is a literal, a `…Path` reference, or a JSONata expression. */
export type DynamicValue =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'path'; readonly path: CompiledPath; readonly field: string }
  | { readonly kind: 'intrinsic'; readonly call: IntrinsicCall; readonly field: string }
  | { readonly kind: 'jsonata'; readonly expr: CompiledJsonata; readonly field: string };

/** Assign, in the state's query language. */
export type AssignSpec =
  | { readonly kind: 'jsonpath'; readonly template: PayloadTemplate }
  | { readonly kind: 'jsonata'; readonly template: JsonataTemplate };

/** A compiled Retry entry, defaults applied. */
export interface CompiledRetrier {
  readonly errorEquals: readonly string[];
  readonly intervalSeconds: number;
  readonly maxAttempts: number;
  readonly backoffRate: number;
  readonly maxDelaySeconds?: number;
  readonly jitterStrategy: 'FULL' | 'NONE';
}

/** A compiled Catch entry. */
export interface CompiledCatcher {
  readonly errorEquals: readonly string[];
  readonly next: string;
  readonly resultPath?: CompiledPath | null;
  readonly output?: JsonataTemplate;
  readonly assign?: AssignSpec;
}

/** Fields every compiled state has. */
export interface CompiledStateBase {
  readonly name: string;
  readonly type: StateType;
  /** The id of the (sub)machine that holds the state. */
  readonly scope: string;
  readonly queryLanguage: QueryLanguage;
  readonly next?: string;
  readonly end: boolean;
  readonly inputPath?: CompiledPath | null;
  readonly outputPath?: CompiledPath | null;
  readonly resultPath?: CompiledPath | null;
  readonly parameters?: PayloadTemplate;
  readonly resultSelector?: PayloadTemplate;
  readonly arguments?: JsonataTemplate;
  readonly output?: JsonataTemplate;
  readonly assign?: AssignSpec;
  readonly retry: readonly CompiledRetrier[];
  readonly catch: readonly CompiledCatcher[];
}

/** A compiled Pass state. */
export interface PassState extends CompiledStateBase {
  readonly type: 'Pass';
  readonly result?: { readonly value: unknown };
}

/** A compiled Task state. */
export interface TaskState extends CompiledStateBase {
  readonly type: 'Task';
  readonly resource: string;
  readonly timeoutSeconds?: DynamicValue;
  readonly heartbeatSeconds?: DynamicValue;
  readonly credentials?: PayloadTemplate | JsonataTemplate;
  readonly waitForTaskToken: boolean;
}

/** One compiled Choice rule with its target. */
export interface CompiledChoice {
  readonly condition: ChoiceCondition;
  readonly next: string;
  readonly output?: JsonataTemplate;
  readonly assign?: AssignSpec;
}

/** A compiled Choice state. */
export interface ChoiceState extends CompiledStateBase {
  readonly type: 'Choice';
  readonly choices: readonly CompiledChoice[];
  readonly default?: string;
}

/** A compiled Wait state. */
export interface WaitState extends CompiledStateBase {
  readonly type: 'Wait';
  readonly seconds?: DynamicValue;
  readonly timestamp?: DynamicValue;
}

/** A compiled Succeed state. */
export interface SucceedState extends CompiledStateBase {
  readonly type: 'Succeed';
}

/** A compiled Fail state. */
export interface FailState extends CompiledStateBase {
  readonly type: 'Fail';
  readonly error?: DynamicValue;
  readonly cause?: DynamicValue;
}

/** A compiled Parallel state. */
export interface ParallelState extends CompiledStateBase {
  readonly type: 'Parallel';
  readonly branches: readonly string[];
}

/** A compiled ItemReader (Distributed Map). */
export interface CompiledItemReader {
  readonly resource: string;
  readonly parameters?: PayloadTemplate | JsonataTemplate;
  readonly readerConfig: Record<string, unknown>;
  readonly maxItems?: DynamicValue;
}

/** A compiled ResultWriter (Distributed Map). */
export interface CompiledResultWriter {
  readonly resource?: string;
  readonly parameters?: PayloadTemplate | JsonataTemplate;
  readonly writerConfig?: Record<string, unknown>;
}

/** A compiled ItemBatcher (Distributed Map). */
export interface CompiledItemBatcher {
  readonly maxItemsPerBatch?: DynamicValue;
  readonly maxInputBytesPerBatch?: DynamicValue;
  readonly batchInput?: PayloadTemplate | JsonataTemplate;
}

/** A compiled Map state. */
export interface MapState extends CompiledStateBase {
  readonly type: 'Map';
  readonly processor: string;
  readonly mode: 'INLINE' | 'DISTRIBUTED';
  readonly executionType?: string;
  readonly itemsPath?: CompiledPath;
  /** JSONata Items: an expression, or a literal array that may hold expressions. */
  readonly items?: JsonataTemplate;
  readonly itemSelector?: PayloadTemplate | JsonataTemplate;
  readonly itemReader?: CompiledItemReader;
  readonly itemBatcher?: CompiledItemBatcher;
  readonly resultWriter?: CompiledResultWriter;
  readonly maxConcurrency?: DynamicValue;
  readonly toleratedFailureCount?: DynamicValue;
  readonly toleratedFailurePercentage?: DynamicValue;
  readonly label?: string;
}

/** Any compiled state. */
export type CompiledState =
  PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;

/** A state machine or a nested one (Parallel branch, Map item processor). */
export interface CompiledScope {
  readonly id: string;
  readonly startAt: string;
  readonly states: ReadonlyMap<string, CompiledState>;
  readonly queryLanguage: QueryLanguage;
  /** Whether this scope is a Distributed Map's child workflow, which cannot see outer variables. */
  readonly isolated: boolean;
}

/** A definition parsed and compiled once, reusable by any number of executions. */
export interface CompiledStateMachine {
  readonly definition: Record<string, unknown>;
  readonly root: CompiledScope;
  readonly scopes: ReadonlyMap<string, CompiledScope>;
  readonly timeoutSeconds?: number;
}

/** The id of the top-level scope. */
export const ROOT_SCOPE = '$';
