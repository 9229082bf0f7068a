import { CompiledStateMachine, ROOT_SCOPE } from '../definition/compiled.types';
import { loadDefinition } from '../definition/load-definition';
import { ErrorNames, StatesError } from '../errors/states-error';
import { assertPayloadSize } from '../json/payload-size';
import { HistoryEvent } from '../step/history-event.types';
import { step } from '../step/step';
import {
  ContextObject,
  IterationOutcome,
  MapFork,
  PendingOutcome,
  Transition,
} from '../step/transition.types';
import {
  ExecutionContextBase,
  ExecutionResult,
  ExecutionRuntime,
  RunExecutionOptions,
} from './run-execution.types';

type ScopeOutcome = { ok: true; output: unknown } | { ok: false; error: string; cause: string };

class Budget {
  used = 0;
  constructor(readonly limit: number) {}
  spend(): void {
    if (++this.used > this.limit)
      throw new StatesError(ErrorNames.Runtime, `The execution exceeded ${this.limit} transitions.`);
  }
}

/**
 * Runs a whole execution in memory: every step in turn, tasks through the given handlers, Wait
 * states and Retry delays through the caller's `sleep`, Parallel branches and Map iterations concurrently.
 */
export async function runExecution(
  definition: string | CompiledStateMachine,
  input: unknown,
  options: RunExecutionOptions,
): Promise<ExecutionResult> {
  const machine = typeof definition === 'string' ? loadDefinition(definition) : definition;
  const runtime: ExecutionRuntime = options;
  const name = options.executionName ?? runtime.uuid();
  const smArn = options.stateMachineArn ?? 'arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine';
  const smName = smArn.slice(smArn.lastIndexOf(':') + 1);
  const started = runtime.now();
  const base: ExecutionContextBase = {
    Execution: {
      Id: `${smArn.replace(':stateMachine:', ':execution:')}:${name}`,
      Input: input,
      Name: name,
      RoleArn: options.roleArn ?? 'arn:aws:iam::123456789012:role/StepFunctionsRole',
      StartTime: started.toISOString(),
      RedriveCount: 0,
    },
    StateMachine: { Id: smArn, Name: smName },
  };
  const events: HistoryEvent[] = [
    { type: 'ExecutionStarted', details: { input, roleArn: base.Execution.RoleArn } },
  ];
  try {
    assertPayloadSize(input, 'execution input');
  } catch (e) {
    const err = e as StatesError;
    events.push({ type: 'ExecutionFailed', details: { error: err.error, cause: err.cause } });
    return { status: 'FAILED', error: err.error, cause: err.cause, events };
  }
  const runner = new ScopeRunner(
    machine,
    runtime,
    options,
    base,
    new Budget(options.maxTransitions ?? 25000),
    started,
  );
  const outcome = await runner.run(ROOT_SCOPE, machine.root.startAt, input, {}, events);
  if (outcome.ok) return { status: 'SUCCEEDED', output: outcome.output, events };
  // A Fail state may leave out Error and Cause; AWS then reports none rather than empty strings.
  return { status: 'FAILED', error: outcome.error || undefined, cause: outcome.cause || undefined, events };
}

class ScopeRunner {
  timedOut = false;

  constructor(
    private readonly machine: CompiledStateMachine,
    private readonly runtime: ExecutionRuntime,
    private readonly options: RunExecutionOptions,
    private readonly base: ExecutionContextBase,
    private readonly budget: Budget,
    private readonly started: Date,
  ) {}

  /** Runs one (sub)machine from `startAt` to its end, appending history to `events`. */
  async run(
    scope: string,
    startAt: string,
    input: unknown,
    variables: Record<string, unknown>,
    events: HistoryEvent[],
  ): Promise<ScopeOutcome> {
    let stateName = startAt;
    let stateInput = input;
    let vars = variables;
    let retryCounters: number[] | undefined;
    let pending: PendingOutcome | undefined;
    let context = this.contextFor(scope, stateName, 0);
    for (;;) {
      let t: Transition;
      try {
        this.budget.spend();
        this.checkExecutionTimeout();
        t = await step(
          this.machine,
          { scope, stateName, input: stateInput, variables: vars, context, retryCounters, pending },
          this.runtime,
        );
      } catch (e) {
        const err = e instanceof StatesError ? e : new StatesError(ErrorNames.Runtime, (e as Error).message);
        if (scope === ROOT_SCOPE) {
          events.push({
            type: this.timedOut ? 'ExecutionTimedOut' : 'ExecutionFailed',
            details: { error: err.error, cause: err.cause },
          });
        }
        return { ok: false, error: err.error, cause: err.cause };
      }
      for (const ev of t.events) events.push(ev);
      pending = undefined;
      switch (t.type) {
        case 'next':
          stateName = t.next;
          stateInput = t.output;
          vars = t.variables;
          retryCounters = undefined;
          context = this.contextFor(scope, stateName, 0);
          break;
        case 'succeed':
          return { ok: true, output: t.output };
        case 'fail':
          return { ok: false, error: t.error, cause: t.cause };
        case 'retry':
          await this.runtime.sleep(t.delaySeconds * 1000);
          retryCounters = t.retryCounters;
          context = this.contextFor(
            scope,
            stateName,
            t.retryCounters.reduce((a, b) => a + b, 0),
            context.State.EnteredTime,
          );
          break;
        case 'wait':
          await this.runtime.sleep(Math.max(0, Date.parse(t.until) - this.runtime.now().getTime()));
          pending = { type: 'wait' };
          break;
        case 'task':
          pending = await this.performTask(t.task.resource, t.task.parameters, context);
          break;
        case 'parallel': {
          const outcomes = await Promise.all(
            t.branches.map((b) => this.child(b.scope, b.startAt, b.input, b.variables)),
          );
          for (const o of outcomes) events.push(...o.events);
          const failed = outcomes.find((o) => !o.outcome.ok);
          if (failed && !failed.outcome.ok)
            pending = { type: 'parallel', error: failed.outcome.error, cause: failed.outcome.cause };
          else
            pending = {
              type: 'parallel',
              outputs: outcomes.map((o) => (o.outcome as { output: unknown }).output),
            };
          break;
        }
        case 'map':
          pending = { type: 'map', iterations: await this.runMap(t.map, stateName, events) };
          break;
        case 'read-items':
          pending = await this.readItems(t.reader);
          break;
        case 'write-results':
          pending = await this.writeResults(t.writer, t.results);
          break;
      }
    }
  }

  private contextFor(
    scope: string,
    stateName: string,
    retryCount: number,
    enteredTime?: string,
  ): ContextObject {
    const context: ContextObject = {
      ...this.base,
      State: {
        EnteredTime: enteredTime ?? this.runtime.now().toISOString(),
        Name: stateName,
        RetryCount: retryCount,
      },
    };
    // A callback task needs its token before its Parameters are evaluated; each attempt gets a new one.
    const state = this.machine.scopes.get(scope)?.states.get(stateName);
    if (state?.type === 'Task' && state.waitForTaskToken) context.Task = { Token: this.runtime.uuid() };
    return context;
  }

  private checkExecutionTimeout(): void {
    const limit = this.machine.timeoutSeconds;
    if (limit !== undefined && this.runtime.now().getTime() - this.started.getTime() > limit * 1000) {
      this.timedOut = true;
      throw new StatesError(ErrorNames.Timeout, `The execution exceeded its TimeoutSeconds of ${limit}.`);
    }
  }

  private async child(scope: string, startAt: string, input: unknown, variables: Record<string, unknown>) {
    const events: HistoryEvent[] = [];
    const outcome = await this.run(scope, startAt, input, variables, events);
    return { outcome, events };
  }

  private async performTask(
    resource: string,
    parameters: unknown,
    context: ContextObject,
  ): Promise<PendingOutcome> {
    const handler = this.options.taskHandlers?.[resource];
    if (!handler)
      return {
        type: 'task',
        error: ErrorNames.TaskFailed,
        cause: `No task handler is registered for the resource '${resource}'.`,
      };
    try {
      return { type: 'task', output: await handler(parameters, context) };
    } catch (e) {
      const err = e as { name?: unknown; message?: unknown; error?: unknown; cause?: unknown };
      if (e instanceof StatesError) return { type: 'task', error: e.error, cause: e.cause };
      const error = typeof err?.name === 'string' ? err.name : 'Error';
      const cause = typeof err?.message === 'string' ? err.message : String(e);
      return { type: 'task', error, cause };
    }
  }

  private async runMap(map: MapFork, stateName: string, events: HistoryEvent[]): Promise<IterationOutcome[]> {
    const results: IterationOutcome[] = new Array(map.runs.length);
    const iterationEvents: HistoryEvent[][] = map.runs.map(() => []);
    let next = 0;
    let aborted = false;
    const worker = async () => {
      while (next < map.runs.length && !aborted) {
        const index = next++;
        const run = map.runs[index];
        const evs = iterationEvents[index];
        evs.push({ type: 'MapIterationStarted', stateName, details: { name: stateName, index } });
        const outcome = await this.run(run.scope, run.startAt, run.input, run.variables, evs);
        if (outcome.ok) {
          results[index] = { status: 'SUCCEEDED', output: outcome.output };
          evs.push({ type: 'MapIterationSucceeded', stateName, details: { name: stateName, index } });
        } else {
          results[index] = { status: 'FAILED', error: outcome.error, cause: outcome.cause };
          evs.push({ type: 'MapIterationFailed', stateName, details: { name: stateName, index } });
          // An inline Map fails on its first failed iteration; the rest are not started.
          if (map.mode === 'INLINE') aborted = true;
        }
      }
    };
    const width = map.maxConcurrency > 0 ? Math.min(map.maxConcurrency, map.runs.length) : map.runs.length;
    await Promise.all(Array.from({ length: width }, worker));
    for (const evs of iterationEvents) events.push(...evs);
    return results.filter((r) => r !== undefined);
  }

  private async readItems(reader: {
    resource: string;
    parameters: unknown;
    readerConfig: Record<string, unknown>;
    maxItems?: number;
  }): Promise<PendingOutcome> {
    if (!this.options.itemReader)
      return {
        type: 'items',
        error: ErrorNames.ItemReaderFailed,
        cause: 'No itemReader was provided to read the Map items.',
      };
    try {
      return { type: 'items', items: await this.options.itemReader(reader) };
    } catch (e) {
      return { type: 'items', error: ErrorNames.ItemReaderFailed, cause: (e as Error)?.message ?? String(e) };
    }
  }

  private async writeResults(
    writer: { resource?: string; parameters: unknown; writerConfig?: Record<string, unknown> },
    results: unknown[],
  ): Promise<PendingOutcome> {
    if (!this.options.resultWriter)
      return {
        type: 'written',
        error: ErrorNames.ResultWriterFailed,
        cause: 'No resultWriter was provided to write the Map results.',
      };
    try {
      return { type: 'written', output: await this.options.resultWriter({ ...writer, results }) };
    } catch (e) {
      return {
        type: 'written',
        error: ErrorNames.ResultWriterFailed,
        cause: (e as Error)?.message ?? String(e),
      };
    }
  }
}
