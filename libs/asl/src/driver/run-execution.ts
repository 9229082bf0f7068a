import { CompiledStateMachine, ROOT_SCOPE } from '../definition/compiled.types';
import { loadDefinition } from '../definition/load-definition';
import { ErrorNames, StatesError } from '../errors/states-error';
import { assertPayloadSize } from '../json/payload-size';
import { HistoryRecorder, HistoryThread } from '../history/history-recorder';
import { step } from '../step/step';
import {
  ContextObject,
  IterationOutcome,
  MapFork,
  PendingOutcome,
  StepRequest,
  Transition,
} from '../step/transition.types';
import {
  ExecutionContextBase,
  ExecutionResult,
  ExecutionRuntime,
  RunExecutionOptions,
} from './run-execution.types';

type ScopeOutcome =
  { ok: true; output: unknown } | { ok: false; error: string; cause: string; aborted?: boolean };

/** Set when a sibling branch or iteration failed: the (sub)machine stops before its next step. */
interface AbortSignal {
  aborted: boolean;
}

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
      // An Express execution's ARN says `express` and ends with an id of its own after the name.
      Id:
        options.stateMachineType === 'EXPRESS'
          ? `${smArn.replace(':stateMachine:', ':express:')}:${name}:${runtime.uuid()}`
          : `${smArn.replace(':stateMachine:', ':execution:')}:${name}`,
      // In AWS's order, visible in the JSON text of `$$`.
      Input: input,
      StartTime: started.toISOString(),
      Name: name,
      RoleArn: options.roleArn ?? 'arn:aws:iam::123456789012:role/StepFunctionsRole',
      RedriveCount: 0,
    },
    StateMachine: { Id: smArn, Name: smName },
  };
  const history = new HistoryRecorder();
  const top: HistoryThread = { lastEventId: 0 };
  history.record([{ type: 'ExecutionStarted', details: { input, roleArn: base.Execution.RoleArn } }], top);
  // AWS links the first state's events to nothing rather than to ExecutionStarted.
  top.lastEventId = 0;
  try {
    assertPayloadSize(input, 'execution input');
  } catch (e) {
    const err = e as StatesError;
    history.record([{ type: 'ExecutionFailed', details: { error: err.error, cause: err.cause } }], top);
    return {
      executionArn: base.Execution.Id,
      status: 'FAILED',
      error: err.error,
      cause: err.cause,
      events: history.events,
    };
  }
  const runner = new ScopeRunner(
    machine,
    runtime,
    options,
    base,
    new Budget(options.maxTransitions ?? 25000),
    started,
    history,
  );
  const outcome = await runner.run(ROOT_SCOPE, machine.root.startAt, input, {}, top);
  const events = history.events;
  const executionArn = base.Execution.Id;
  if (outcome.ok) return { executionArn, status: 'SUCCEEDED', output: outcome.output, events };
  // A Fail state may leave out Error and Cause; AWS then reports none rather than empty strings.
  return {
    executionArn,
    status: 'FAILED',
    error: outcome.error || undefined,
    cause: outcome.cause || undefined,
    events,
  };
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
    private readonly history: HistoryRecorder,
  ) {}

  /** A runner for child executions that keep their own history (a Distributed Map's). */
  private withHistory(history: HistoryRecorder): ScopeRunner {
    return new ScopeRunner(
      this.machine,
      this.runtime,
      this.options,
      this.base,
      this.budget,
      this.started,
      history,
    );
  }

  /** Steps run one at a time, so each knows the ids its events will get: the one running, and those waiting. */
  private stepping = false;
  private readonly waiting: (() => void)[] = [];

  /** Runs one step and records its events before any other step starts. */
  private async stepAndRecord(request: StepRequest, thread: HistoryThread): Promise<Transition> {
    if (this.stepping) await new Promise<void>((resume) => this.waiting.push(resume));
    this.stepping = true;
    try {
      request.firstEventId = this.history.nextEventId;
      const t = await step(this.machine, request, this.runtime);
      this.history.record(t.events, thread);
      return t;
    } finally {
      // The next waiting step runs with the turn still taken, so no new caller slips in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.stepping = false;
    }
  }

  /** Runs one (sub)machine from `startAt` to its end, appending history to `events`. */
  async run(
    scope: string,
    startAt: string,
    input: unknown,
    variables: Record<string, unknown>,
    thread: HistoryThread,
    abort?: AbortSignal,
  ): Promise<ScopeOutcome> {
    let stateName = startAt;
    let enteredEventId: number | undefined;
    let stateInput = input;
    let vars = variables;
    let retryCounters: number[] | undefined;
    let pending: PendingOutcome | undefined;
    let context = this.contextFor(scope, stateName, 0);
    for (;;) {
      if (abort?.aborted) return { ok: false, error: '', cause: '', aborted: true };
      let t: Transition;
      try {
        this.budget.spend();
        this.checkExecutionTimeout();
        const request: StepRequest = {
          scope,
          stateName,
          input: stateInput,
          variables: vars,
          context,
          retryCounters,
          pending,
          enteredEventId,
        };
        t = await this.stepAndRecord(request, thread);
      } catch (e) {
        const err = e instanceof StatesError ? e : new StatesError(ErrorNames.Runtime, (e as Error).message);
        if (scope === ROOT_SCOPE) {
          const type = this.timedOut ? 'ExecutionTimedOut' : 'ExecutionFailed';
          this.history.record([{ type, details: { error: err.error, cause: err.cause } }], thread);
        }
        return { ok: false, error: err.error, cause: err.cause };
      }
      const entered = t.events.findIndex(
        (ev) => ev.type.endsWith('StateEntered') && ev.stateName === stateName,
      );
      if (entered >= 0) enteredEventId = this.history.nextEventId - t.events.length + entered;
      pending = undefined;
      switch (t.type) {
        case 'next':
          stateName = t.next;
          stateInput = t.output;
          vars = t.variables;
          retryCounters = undefined;
          enteredEventId = undefined;
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
        case 'parallel':
          pending = await this.runParallel(t.branches, thread);
          break;
        case 'map':
          pending = { type: 'map', iterations: await this.runMap(t.map, stateName, thread) };
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
    const state = this.machine.scopes.get(scope)?.states.get(stateName);
    const entered = enteredTime ?? this.runtime.now().toISOString();
    // AWS's $$.State carries RetryCount only in the states that can retry (Task, Parallel, Map),
    // and its members in this order.
    const retries = state?.type === 'Task' || state?.type === 'Parallel' || state?.type === 'Map';
    const context: ContextObject = {
      Execution: this.base.Execution,
      StateMachine: this.base.StateMachine,
      State: retries
        ? { Name: stateName, EnteredTime: entered, RetryCount: retryCount }
        : { Name: stateName, EnteredTime: entered },
    };
    // A callback task needs its token before its Parameters are evaluated; each attempt gets a new one.
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

  /**
   * Runs the branches side by side, one step at a time. Each branch's first event links to
   * ParallelStateStarted; AWS links the join to the last branch event (on failure, to the failed
   * branch's last event), and stops the other branches when one fails.
   */
  private async runParallel(
    branches: { scope: string; startAt: string; input: unknown; variables: Record<string, unknown> }[],
    thread: HistoryThread,
  ): Promise<PendingOutcome> {
    const abort: AbortSignal = { aborted: false };
    let failed: { error: string; cause: string; thread: HistoryThread } | undefined;
    const threads = branches.map(() => ({ lastEventId: thread.lastEventId }));
    const outputs = await Promise.all(
      branches.map(async (b, i) => {
        const outcome = await this.run(b.scope, b.startAt, b.input, b.variables, threads[i], abort);
        if (outcome.ok) return outcome.output;
        if (!outcome.aborted && !failed) {
          failed = { error: outcome.error, cause: outcome.cause, thread: threads[i] };
          abort.aborted = true;
        }
        return undefined;
      }),
    );
    if (failed) {
      thread.lastEventId = failed.thread.lastEventId;
      thread.lastRecordedId = undefined;
      return { type: 'parallel', error: failed.error, cause: failed.cause };
    }
    thread.lastEventId = Math.max(thread.lastEventId, ...threads.map((t) => t.lastEventId));
    thread.lastRecordedId = undefined;
    return { type: 'parallel', outputs };
  }

  /**
   * Runs the iterations with at most `maxConcurrency` at once, one step at a time. As AWS links
   * them, an iteration's MapIterationStarted follows the last state event of the iteration that ran
   * before it in the same slot (the first ones follow MapStateStarted), and MapIterationSucceeded or
   * MapIterationFailed follows the iteration's last state event. The join follows the last
   * MapIterationSucceeded, or the failed iteration's last state event. When an inline iteration
   * fails, the running ones are aborted (MapIterationAborted) and no more are started.
   */
  private async runMap(map: MapFork, stateName: string, thread: HistoryThread): Promise<IterationOutcome[]> {
    const results: IterationOutcome[] = new Array(map.runs.length);
    // A Distributed Map's children are executions of their own: their events are not the parent's.
    const history = map.mode === 'DISTRIBUTED' ? new HistoryRecorder() : this.history;
    const runner = map.mode === 'DISTRIBUTED' ? this.withHistory(history) : this;
    const abort: AbortSignal = { aborted: false };
    let next = 0;
    let joinAt = thread.lastEventId;
    let failedAt: number | undefined;
    const mark = (
      type: 'MapIterationStarted' | 'MapIterationSucceeded' | 'MapIterationFailed' | 'MapIterationAborted',
      index: number,
      iteration: HistoryThread,
    ) => history.record([{ type, stateName, details: { name: stateName, index } }], iteration)[0].id!;
    const worker = async () => {
      let chain = thread.lastEventId;
      while (next < map.runs.length && !abort.aborted) {
        const index = next++;
        const run = map.runs[index];
        const iteration: HistoryThread = { lastEventId: chain };
        mark('MapIterationStarted', index, iteration);
        const outcome = await runner.run(run.scope, run.startAt, run.input, run.variables, iteration, abort);
        chain = iteration.lastEventId;
        if (outcome.ok) {
          results[index] = { status: 'SUCCEEDED', output: outcome.output };
          joinAt = mark('MapIterationSucceeded', index, iteration);
        } else if (outcome.aborted) {
          mark('MapIterationAborted', index, iteration);
        } else {
          results[index] = { status: 'FAILED', error: outcome.error, cause: outcome.cause };
          mark('MapIterationFailed', index, iteration);
          // An inline Map fails on its first failed iteration; the others are aborted.
          if (map.mode === 'INLINE' && failedAt === undefined) {
            failedAt = chain;
            abort.aborted = true;
          }
        }
      }
    };
    const width = map.maxConcurrency > 0 ? Math.min(map.maxConcurrency, map.runs.length) : map.runs.length;
    await Promise.all(Array.from({ length: width }, worker));
    if (map.mode === 'INLINE') {
      thread.lastEventId = failedAt ?? joinAt;
      thread.lastRecordedId = undefined;
    }
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
