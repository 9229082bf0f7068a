import { loadDefinition } from '../definition/load-definition';
import { inspectStep } from '../step/step';
import type { StepRuntime } from '../step/runtime.types';
import type {
  ContextObject,
  PendingOutcome,
  StepInspection,
  TaskRequest,
  Transition,
} from '../step/transition.types';
import type { Diagnostic } from '../validation/diagnostic.types';
import { validateDefinition } from '../validation/validate-definition';

/** What one state came to under TestState, in AWS's words. */
export interface TestStateResult {
  status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  output?: unknown;
  error?: string;
  cause?: string;
  nextState?: string;
  inspection: StepInspection;
}

export interface TestStateOptions {
  /** The state to test when the definition is a whole state machine; a lone state's name otherwise. */
  stateName?: string;
  input: unknown;
  variables?: Record<string, unknown>;
  /** `$$` as the caller gives it; its State member is the tested state's. */
  context?: Partial<ContextObject>;
  stateMachineArn?: string;
  roleArn?: string;
  runtime: StepRuntime;
  /** Performs the state's task (its call made for real). */
  performTask: (task: TaskRequest) => Promise<Extract<PendingOutcome, { type: 'task' }>>;
}

/** A definition TestState cannot run: AWS's diagnostics, as a state machine's would be listed. */
export class UntestableState extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      diagnostics.map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`).join(', '),
    );
  }
}

/** The name a lone state is tested under. */
const LONE_STATE = 'TestState';

function untestable(message: string, location = ''): UntestableState {
  return new UntestableState([{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message, location }]);
}

/**
 * The state a TestState definition names, and the language around it: a lone state, or one state
 * of a whole state machine (`stateName`, else its StartAt).
 */
function stateToTest(
  definition: string,
  stateName: string | undefined,
): { name: string; state: Record<string, unknown>; queryLanguage?: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (e) {
    throw untestable(`The definition is not valid JSON: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw untestable('The definition must be a JSON object: a state, or a state machine.');
  const object = parsed as Record<string, unknown>;
  if (object.States && typeof object.States === 'object') {
    const name = stateName ?? (object.StartAt as string);
    const state = (object.States as Record<string, unknown>)[name];
    if (!state || typeof state !== 'object')
      throw untestable(`The state machine has no state named '${name}'.`, '/States');
    return { name, state: state as Record<string, unknown>, queryLanguage: object.QueryLanguage };
  }
  return { name: stateName ?? LONE_STATE, state: object };
}

/** What TestState does not run (AWS runs them only against a mock), in AWS's terms. */
function refusal(state: Record<string, unknown>): string | undefined {
  if (state.Type === 'Parallel' || state.Type === 'Map') return `${state.Type} states`;
  const resource = state.Resource;
  if (state.Type !== 'Task' || typeof resource !== 'string') return undefined;
  if (/^arn:[^:]+:states:[^:]*:\d{12}:activity:/.test(resource)) return 'Activity tasks';
  if (resource.endsWith('.waitForTaskToken')) return "the '.waitForTaskToken' integration pattern";
  if (/\.sync(:\d+)?$/.test(resource)) return "the '.sync' integration pattern";
  return undefined;
}

/** The states a state may move to: each becomes a Succeed state of the machine it is tested in. */
function targets(state: Record<string, unknown>): string[] {
  const names = new Set<string>();
  const add = (v: unknown) => typeof v === 'string' && names.add(v);
  add(state.Next);
  add(state.Default);
  for (const rule of Array.isArray(state.Choices) ? state.Choices : [])
    add((rule as { Next?: unknown }).Next);
  for (const c of Array.isArray(state.Catch) ? state.Catch : []) add((c as { Next?: unknown }).Next);
  return [...names];
}

/** The error and cause a step's events recorded last (a failed task's, a Fail state's). */
function lastError(transition: Transition): { error?: string; cause?: string } {
  for (let i = transition.events.length - 1; i >= 0; i--) {
    const d = transition.events[i].details as { error?: string; cause?: string } | undefined;
    if (d?.error !== undefined) return { error: d.error, cause: d.cause };
  }
  return {};
}

/**
 * Runs one state as AWS's TestState does: its input and output processing, its task performed for
 * real, Retry and Catch evaluated once (a retrier that would run the state again makes it
 * `RETRIABLE`; a catcher that takes the error makes it `CAUGHT_ERROR`), a Wait state's wait not
 * waited. Each stage of the data processing is recorded for the inspection data.
 */
export async function testState(definition: string, options: TestStateOptions): Promise<TestStateResult> {
  const { name, state, queryLanguage } = stateToTest(definition, options.stateName);
  const refused = refusal(state);
  if (refused) throw untestable(`TestState does not run ${refused}.`, `/States/${name}`);
  const states: Record<string, unknown> = {};
  for (const target of targets(state)) states[target] = { Type: 'Succeed' };
  states[name] = state;
  const machine = JSON.stringify({
    ...(queryLanguage !== undefined ? { QueryLanguage: queryLanguage } : {}),
    StartAt: name,
    States: states,
  });
  const errors = validateDefinition(machine).filter((d) => d.severity === 'ERROR');
  if (errors.length > 0) throw new UntestableState(errors);
  const compiled = loadDefinition(machine);

  const { runtime } = options;
  const now = runtime.now().toISOString();
  const smArn =
    options.stateMachineArn ?? 'arn:aws:states:us-east-1:123456789012:stateMachine:TestStateMachine';
  const canRetry = state.Type === 'Task';
  const context: ContextObject = {
    Execution: {
      Id: `${smArn.replace(':stateMachine:', ':execution:')}:${runtime.uuid()}`,
      Input: options.input,
      StartTime: now,
      Name: runtime.uuid(),
      RoleArn: options.roleArn,
    },
    StateMachine: { Id: smArn, Name: smArn.split(':').pop()! },
    ...options.context,
    State: canRetry ? { Name: name, EnteredTime: now, RetryCount: 0 } : { Name: name, EnteredTime: now },
  };
  const inspection: StepInspection = {};
  const request = { stateName: name, input: options.input, variables: options.variables ?? {}, context };
  let transition = await inspectStep(compiled, request, runtime, inspection);
  if (transition.type === 'task') {
    const pending = await options.performTask(transition.task);
    transition = await inspectStep(compiled, { ...request, pending }, runtime, inspection);
  } else if (transition.type === 'wait')
    transition = await inspectStep(compiled, { ...request, pending: { type: 'wait' } }, runtime, inspection);

  switch (transition.type) {
    case 'succeed':
      return { status: 'SUCCEEDED', output: transition.output, inspection };
    case 'fail':
      return { status: 'FAILED', error: transition.error, cause: transition.cause, inspection };
    case 'retry':
      return { status: 'RETRIABLE', ...lastError(transition), inspection };
    case 'next':
      if (inspection.errorDetails?.catchIndex !== undefined)
        return {
          status: 'CAUGHT_ERROR',
          output: transition.output,
          nextState: transition.next,
          ...lastError(transition),
          inspection,
        };
      return { status: 'SUCCEEDED', output: transition.output, nextState: transition.next, inspection };
    default:
      throw new Error(`TestState cannot follow a '${transition.type}' transition`);
  }
}
