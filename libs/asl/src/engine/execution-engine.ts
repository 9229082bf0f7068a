import { type CompiledStateMachine, ROOT_SCOPE } from '../definition/compiled.types';
import type { ExecutionContextBase } from '../driver/run-execution.types';
import { ErrorNames, StatesError } from '../errors/states-error';
import type { HistoryEvent, HistoryEventType } from '../history/history-event.types';
import { HistoryRecorder } from '../history/history-recorder';
import { assertPayloadSize } from '../json/payload-size';
import type { StepRuntime } from '../step/runtime.types';
import { step } from '../step/step';
import type {
  ContextObject,
  ForkedRun,
  IterationOutcome,
  MapFork,
  PendingOutcome,
  StepRequest,
  Transition,
} from '../step/transition.types';
import type {
  Advance,
  EngineEffect,
  EngineState,
  KeptOutcomes,
  RedrivePoint,
  ForkState,
  ScopeOutcome,
  ThreadState,
  ThreadWait,
} from './execution-engine.types';

type TimerWait = Extract<ThreadWait, { type: 'timer' }>;

/** AWS's limit on an execution's history: past it the execution fails. */
export const HISTORY_LIMIT = 25_000;

/** The id of an execution's top-level thread. */
export const ROOT_THREAD = 't0';

/** The most iterations an inline Map state runs at once (AWS: "up to 40 concurrent iterations"). */
export const INLINE_MAP_CONCURRENCY = 40;

/** What starting an execution needs besides its input. */
export interface EngineStartOptions {
  executionName?: string;
  stateMachineArn?: string;
  roleArn?: string;
  stateMachineType?: 'STANDARD' | 'EXPRESS';
  /** Stops a runaway execution after this many transitions (default 25,000, AWS's history limit). */
  maxTransitions?: number;
  /**
   * Runs a scope other than the machine's top level: a Distributed Map's item processor, as the
   * child execution of one item, with the variables it sees.
   */
  scope?: string;
  variables?: Record<string, unknown>;
  /** Distributed Maps become `map-run` effects: the host runs each item as a child execution. */
  childMapRuns?: boolean;
}

/** What an effect the host performed came to. */
export type EffectOutcome = PendingOutcome | { type: 'timer' };

function emptyAdvance(): Advance {
  return { events: [], effects: [] };
}

/**
 * Runs executions as explicit, serialisable state: threads (the top level, Parallel branches, Map
 * iterations) that take one `step()` at a time from a first-come-first-served run queue, and forks
 * that join them. A host calls `advance` while the run queue holds threads, performs the effects a
 * step asks for (tasks, timers, item reads and writes) and hands their outcomes to `resume`. Between
 * calls the state is plain JSON, so a host may keep it anywhere and resume it in another process;
 * the in-memory driver (`runExecution`) and the durable workflow runner are two such hosts.
 */
export class ExecutionEngine {
  /** The runtime's time last turned into ISO text: the states one advance enters share a millisecond. */
  private lastNow = { ms: NaN, iso: '' };

  constructor(
    private readonly machine: CompiledStateMachine,
    private readonly runtime: StepRuntime,
  ) {}

  /** A new execution: ExecutionStarted recorded and the top-level thread runnable (or failed at once). */
  start(input: unknown, options: EngineStartOptions = {}): { state: EngineState; advance: Advance } {
    const runtime = this.runtime;
    const name = options.executionName ?? runtime.uuid();
    const smArn =
      options.stateMachineArn ?? 'arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine';
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
      StateMachine: { Id: smArn, Name: smArn.slice(smArn.lastIndexOf(':') + 1) },
    };
    const scope = options.scope ?? ROOT_SCOPE;
    const compiledScope = this.machine.scopes.get(scope);
    if (!compiledScope) throw new Error(`Unknown scope '${scope}'`);
    const state: EngineState = {
      status: 'RUNNING',
      base,
      startedMs: started.getTime(),
      nextEventId: 1,
      transitions: 0,
      maxTransitions: options.maxTransitions ?? 25000,
      timedOut: false,
      runQueue: [],
      threads: {},
      forks: {},
      made: 0,
      ...(scope !== ROOT_SCOPE ? { rootScope: scope } : {}),
      ...(options.childMapRuns ? { childMapRuns: true } : {}),
    };
    const adv = emptyAdvance();
    const root: ThreadState = {
      id: ROOT_THREAD,
      scope,
      stateName: compiledScope.startAt,
      input,
      variables: options.variables ?? {},
      context: this.contextFor(state, scope, compiledScope.startAt, 0),
      position: { lastEventId: 0 },
    };
    state.made = 1;
    this.record(state, adv, root, [
      { type: 'ExecutionStarted', details: { input, roleArn: base.Execution.RoleArn } },
    ]);
    // AWS links the first state's events to nothing rather than to ExecutionStarted.
    root.position = { lastEventId: 0 };
    state.threads[root.id] = root;
    try {
      assertPayloadSize(input, 'execution input');
    } catch (e) {
      const err = e as StatesError;
      this.record(state, adv, root, [
        { type: 'ExecutionFailed', details: { error: err.error, cause: err.cause } },
      ]);
      this.finish(state, adv, root, { ok: false, error: err.error, cause: err.cause });
      return { state, advance: adv };
    }
    state.runQueue.push(root.id);
    return { state, advance: adv };
  }

  /** Takes one step of the first runnable thread. */
  async advance(state: EngineState): Promise<Advance> {
    const adv = emptyAdvance();
    const id = state.runQueue.shift();
    const thread = id === undefined ? undefined : state.threads[id];
    if (!thread || state.status !== 'RUNNING') return adv;
    // Event 25,000 may only end the execution: when the history is that long, it fails, as on AWS.
    if (state.nextEventId >= HISTORY_LIMIT)
      return this.end(state, 'ExecutionFailed', {
        error: ErrorNames.Runtime,
        cause: `The execution reached the limit of ${HISTORY_LIMIT} history events.`,
      });
    // The top level's state and input as it enters this step: where a redrive would start again.
    const before = thread.id === ROOT_THREAD ? redrivePoint(state, thread) : undefined;
    let t: Transition;
    try {
      this.spendTransition(state);
      this.checkExecutionTimeout(state);
      const request: StepRequest = {
        scope: thread.scope,
        stateName: thread.stateName,
        input: thread.input,
        variables: thread.variables,
        context: thread.context,
        retryCounters: thread.retryCounters,
        pending: thread.pending,
        enteredEventId: thread.enteredEventId,
        firstEventId: this.nextIdFor(state, thread),
        ...(thread.redriveMapRunArn
          ? { redriveMapRunArn: thread.redriveMapRunArn, redriveMapRunCount: thread.redriveMapRunCount }
          : {}),
      };
      t = await step(this.machine, request, this.runtime);
      this.record(state, adv, thread, t.events);
    } catch (e) {
      const err = e instanceof StatesError ? e : new StatesError(ErrorNames.Runtime, (e as Error).message);
      if (thread.scope === ROOT_SCOPE) {
        const type = state.timedOut ? 'ExecutionTimedOut' : 'ExecutionFailed';
        this.record(state, adv, thread, [{ type, details: { error: err.error, cause: err.cause } }]);
      }
      if (before) state.redriveFrom = before;
      this.finish(state, adv, thread, { ok: false, error: err.error, cause: err.cause });
      return adv;
    }
    const entered = t.events.findIndex(
      (ev) => ev.type.endsWith('StateEntered') && ev.stateName === thread.stateName,
    );
    if (entered >= 0) thread.enteredEventId = this.nextIdFor(state, thread) - t.events.length + entered;
    thread.pending = undefined;
    thread.joined = undefined;
    // The fork a redrive enters again is made by this step (a Distributed Map's, once it has its items).
    const kept = thread.redriveKept;
    thread.redriveKept = undefined;
    if (t.type !== 'read-items') {
      thread.redriveMapRunArn = undefined;
      thread.redriveMapRunCount = undefined;
    }
    switch (t.type) {
      case 'next':
        thread.stateName = t.next;
        thread.input = t.output;
        thread.variables = t.variables;
        thread.retryCounters = undefined;
        thread.enteredEventId = undefined;
        thread.context = this.contextFor(state, thread.scope, t.next, 0);
        this.enqueue(state, adv, thread);
        break;
      case 'succeed':
        this.finish(state, adv, thread, { ok: true, output: t.output });
        break;
      case 'fail':
        if (before) state.redriveFrom = before;
        this.finish(state, adv, thread, { ok: false, error: t.error, cause: t.cause });
        break;
      case 'retry':
        this.wait(state, adv, thread, t.delaySeconds * 1000, {
          type: 'timer',
          dueMs: this.runtime.now().getTime() + t.delaySeconds * 1000,
          then: 'retry',
          retryCounters: t.retryCounters,
        });
        break;
      case 'wait': {
        const ms = Math.max(0, Date.parse(t.until) - this.runtime.now().getTime());
        this.wait(state, adv, thread, ms, { type: 'timer', dueMs: Date.parse(t.until), then: 'wait' });
        break;
      }
      case 'task':
        thread.waiting = { type: 'task', task: t.task };
        adv.effects.push({
          type: 'task',
          threadId: thread.id,
          wait: this.nextWait(state, thread),
          task: t.task,
          context: thread.context,
        });
        break;
      case 'read-items':
        thread.waiting = { type: 'items', reader: t.reader };
        adv.effects.push({
          type: 'items',
          threadId: thread.id,
          wait: this.nextWait(state, thread),
          reader: t.reader,
        });
        break;
      case 'write-results': {
        const writer = { ...t.writer, results: t.results };
        thread.waiting = { type: 'written', writer };
        adv.effects.push({
          type: 'written',
          threadId: thread.id,
          wait: this.nextWait(state, thread),
          writer,
        });
        break;
      }
      case 'parallel':
        this.forkParallel(state, adv, thread, t.branches, keptOf(kept, 'parallel', t.branches.length));
        break;
      case 'map':
        if (state.childMapRuns && t.map.mode === 'DISTRIBUTED') {
          thread.waiting = { type: 'map-run', map: t.map, total: t.map.runs.length };
          adv.effects.push({
            type: 'map-run',
            threadId: thread.id,
            wait: this.nextWait(state, thread),
            map: t.map,
          });
        } else this.forkMap(state, adv, thread, t.map, keptOf(kept, 'map', t.map.runs.length));
        break;
    }
    return adv;
  }

  /**
   * Hands a thread the outcome of the effect it waited for, and makes it runnable. An outcome for
   * a wait that is over (`wait` not the thread's current one) changes nothing.
   */
  resume(state: EngineState, threadId: string, outcome: EffectOutcome, wait?: number): Advance {
    const adv = emptyAdvance();
    const thread = state.threads[threadId];
    const waiting = thread?.waiting;
    if (!thread || !waiting || waiting.type === 'children' || state.status !== 'RUNNING') return adv;
    if (wait !== undefined && wait !== (thread.waits ?? 0)) return adv;
    thread.waiting = undefined;
    if (waiting.type === 'timer') {
      if (waiting.then === 'wait') thread.pending = { type: 'wait' };
      else {
        thread.retryCounters = waiting.retryCounters;
        thread.context = this.contextFor(
          state,
          thread.scope,
          thread.stateName,
          (waiting.retryCounters ?? []).reduce((a, b) => a + b, 0),
          thread.context.State.EnteredTime,
        );
      }
    } else if (outcome.type !== 'timer') thread.pending = outcome;
    this.enqueue(state, adv, thread);
    return adv;
  }

  /**
   * Puts a thread in the run queue, unless a sibling's failure aborted its fork: it then ends, as
   * a thread that had already asked for its next step before the failure still takes that step.
   */
  private enqueue(state: EngineState, adv: Advance, thread: ThreadState): void {
    const fork = thread.forkId ? state.forks[thread.forkId] : undefined;
    if (fork?.aborted) this.finish(state, adv, thread, { ok: false, error: '', cause: '', aborted: true });
    else state.runQueue.push(thread.id);
  }

  /** The thread sleeps `ms` (until `waiting.dueMs`), then resumes. */
  private wait(state: EngineState, adv: Advance, thread: ThreadState, ms: number, waiting: TimerWait) {
    thread.waiting = waiting;
    adv.effects.push({
      type: 'timer',
      threadId: thread.id,
      wait: this.nextWait(state, thread),
      dueMs: waiting.dueMs,
      ms,
    });
  }

  /**
   * Numbers a thread's new wait. Numbers are unique in the execution, redrives included, so the
   * outcome of a wait that is over (a timer armed before a stop and a redrive) never ends a later one.
   */
  private nextWait(state: EngineState, thread: ThreadState): number {
    state.waits = (state.waits ?? 0) + 1;
    thread.waits = state.waits;
    return thread.waits;
  }

  /**
   * The effects the waiting threads of a resumed execution still wait for (a host that took an
   * execution over from one that stopped performs them again; a timer is armed again).
   */
  pendingEffects(state: EngineState): EngineEffect[] {
    const out: EngineEffect[] = [];
    for (const thread of Object.values(state.threads)) {
      const w = thread.waiting;
      const wait = thread.waits ?? 0;
      if (!w || w.type === 'children') continue;
      if (w.type === 'timer')
        out.push({
          type: 'timer',
          threadId: thread.id,
          wait,
          dueMs: w.dueMs,
          ms: Math.max(0, w.dueMs - this.runtime.now().getTime()),
        });
      else if (w.type === 'task')
        out.push({ type: 'task', threadId: thread.id, wait, task: w.task, context: thread.context });
      else if (w.type === 'items') out.push({ type: 'items', threadId: thread.id, wait, reader: w.reader });
      else if (w.type === 'map-run') out.push({ type: 'map-run', threadId: thread.id, wait, map: w.map });
      else out.push({ type: 'written', threadId: thread.id, wait, writer: w.writer });
    }
    return out;
  }

  /**
   * The host has stored a Distributed Map run's items: the waiting thread keeps the run without
   * them, so they are not part of every later commit.
   */
  mapRunStored(state: EngineState, threadId: string): void {
    const w = state.threads[threadId]?.waiting;
    if (w?.type === 'map-run') w.map = { ...w.map, runs: [] };
  }

  /**
   * Runs a failed, aborted or timed-out execution again from the top-level state that did not
   * succeed, with the input and variables it had (a Parallel or inline Map state runs again only the
   * branches or iterations that did not succeed; a Distributed Map's run is redriven); records
   * ExecutionRedriven and counts the redrive in `$$.Execution.RedriveCount`.
   * Answers undefined when there is no such state (it failed before its first state).
   */
  redrive(state: EngineState): Advance | undefined {
    const root = state.threads[ROOT_THREAD];
    const from: RedrivePoint | undefined = root ? redrivePoint(state, root) : state.redriveFrom;
    if (state.status === 'RUNNING' || state.status === 'SUCCEEDED' || !from) return undefined;
    const adv = emptyAdvance();
    const count = (state.base.Execution.RedriveCount ?? 0) + 1;
    state.base.Execution.RedriveCount = count;
    const id = state.nextEventId++;
    adv.events.push({
      type: 'ExecutionRedriven',
      id,
      previousEventId: id - 1,
      details: { redriveCount: count },
    });
    state.status = 'RUNNING';
    state.error = undefined;
    state.cause = undefined;
    state.output = undefined;
    state.timedOut = false;
    state.redriveFrom = undefined;
    state.startedMs = this.runtime.now().getTime();
    state.threads = {};
    state.forks = {};
    state.runQueue = [];
    // A run is counted by itself: the execution may have been redriven before it reached the Map.
    const runRedrives = from.mapRunArn ? (state.mapRunRedrives?.[from.mapRunArn] ?? 0) + 1 : 0;
    if (from.mapRunArn) state.mapRunRedrives = { ...state.mapRunRedrives, [from.mapRunArn]: runRedrives };
    // A Distributed Map's child runs its item processor as its top level.
    const scope = state.rootScope ?? ROOT_SCOPE;
    const thread: ThreadState = {
      id: ROOT_THREAD,
      scope,
      stateName: from.stateName,
      input: from.input,
      variables: from.variables,
      context: this.contextFor(state, scope, from.stateName, 0),
      position: { lastEventId: id, lastEventType: 'ExecutionRedriven' },
      ...(from.mapRunArn ? { redriveMapRunArn: from.mapRunArn, redriveMapRunCount: runRedrives } : {}),
      ...(from.kept ? { redriveKept: from.kept } : {}),
    };
    state.threads[ROOT_THREAD] = thread;
    state.runQueue.push(ROOT_THREAD);
    return adv;
  }

  /**
   * Ends a running execution from outside its steps: StopExecution (`ExecutionAborted`), its
   * TimeoutSeconds passing while it waits (`ExecutionTimedOut`), or its history reaching AWS's limit
   * (`ExecutionFailed`). The event follows the last one recorded.
   */
  end(
    state: EngineState,
    type: 'ExecutionAborted' | 'ExecutionTimedOut' | 'ExecutionFailed',
    details: { error?: string; cause?: string },
  ): Advance {
    const adv = emptyAdvance();
    if (state.status !== 'RUNNING') return adv;
    const id = state.nextEventId++;
    adv.events.push({ type, id, previousEventId: id - 1, details });
    state.status =
      type === 'ExecutionAborted' ? 'ABORTED' : type === 'ExecutionTimedOut' ? 'TIMED_OUT' : 'FAILED';
    state.error = details.error;
    state.cause = details.cause;
    state.runQueue = [];
    return adv;
  }

  private spendTransition(state: EngineState): void {
    if (++state.transitions > state.maxTransitions)
      throw new StatesError(
        ErrorNames.Runtime,
        `The execution exceeded ${state.maxTransitions} transitions.`,
      );
  }

  private checkExecutionTimeout(state: EngineState): void {
    const limit = this.machine.timeoutSeconds;
    if (limit !== undefined && this.runtime.now().getTime() - state.startedMs > limit * 1000) {
      state.timedOut = true;
      throw new StatesError(ErrorNames.Timeout, `The execution exceeded its TimeoutSeconds of ${limit}.`);
    }
  }

  /** The runtime's time as ISO text (the text made for the same millisecond before, if any). */
  private isoNow(): string {
    const now = this.runtime.now();
    const ms = now.getTime();
    if (ms !== this.lastNow.ms) this.lastNow = { ms, iso: now.toISOString() };
    return this.lastNow.iso;
  }

  private contextFor(
    state: EngineState,
    scope: string,
    stateName: string,
    retryCount: number,
    enteredTime?: string,
  ): ContextObject {
    const compiled = this.machine.scopes.get(scope)?.states.get(stateName);
    const entered = enteredTime ?? this.isoNow();
    // AWS's $$.State carries RetryCount only in the states that can retry (Task, Parallel, Map),
    // and its members in this order.
    const retries = compiled?.type === 'Task' || compiled?.type === 'Parallel' || compiled?.type === 'Map';
    const context: ContextObject = {
      Execution: state.base.Execution,
      StateMachine: state.base.StateMachine,
      State: retries
        ? { Name: stateName, EnteredTime: entered, RetryCount: retryCount }
        : { Name: stateName, EnteredTime: entered },
    };
    // A callback task needs its token before its Parameters are evaluated; each attempt gets a new one.
    if (compiled?.type === 'Task' && compiled.waitForTaskToken) context.Task = { Token: this.runtime.uuid() };
    return context;
  }

  /** The fork whose own history a thread's events go to (a Distributed Map's), if any. */
  private historyOwner(state: EngineState, thread: ThreadState): ForkState | undefined {
    const owner = thread.historyOf;
    return owner === undefined ? undefined : state.forks[owner];
  }

  private nextIdFor(state: EngineState, thread: ThreadState): number {
    return this.historyOwner(state, thread)?.nextDetachedId ?? state.nextEventId;
  }

  /** Records events on a thread: into the execution's history, or a Distributed Map's own. */
  private record(state: EngineState, adv: Advance, thread: ThreadState, events: readonly HistoryEvent[]) {
    const owner = this.historyOwner(state, thread);
    const recorder = new HistoryRecorder(owner ? owner.nextDetachedId : state.nextEventId);
    const recorded = recorder.record(events, thread.position);
    if (owner) {
      owner.nextDetachedId = recorder.nextEventId;
    } else {
      state.nextEventId = recorder.nextEventId;
      adv.events.push(...recorded);
    }
    return recorded;
  }

  private newThread(
    state: EngineState,
    adv: Advance,
    fork: ForkState,
    index: number,
    slot: number | undefined,
    run: ForkedRun,
    lastEventId: number,
    historyOf: string | undefined,
  ): ThreadState {
    const thread: ThreadState = {
      id: `t${state.made++}`,
      forkId: fork.id,
      index,
      slot,
      historyOf,
      scope: run.scope,
      stateName: run.startAt,
      input: run.input,
      variables: run.variables,
      context: { State: { Name: '', EnteredTime: '' } } as ContextObject,
      position: { lastEventId },
    };
    state.threads[thread.id] = thread;
    return thread;
  }

  private newFork(
    state: EngineState,
    adv: Advance,
    owner: ThreadState,
    kind: ForkState['kind'],
    runs: ForkedRun[],
    extra: Partial<ForkState> = {},
  ): ForkState {
    const fork: ForkState = {
      id: `f${state.made++}`,
      kind,
      owner: owner.id,
      stateName: owner.stateName,
      detached: false,
      runs,
      next: 0,
      running: 0,
      aborted: false,
      results: runs.map(() => null),
      chains: [],
      joinAt: owner.position.lastEventId,
      maxEnd: owner.position.lastEventId,
      nextDetachedId: 1,
      ...extra,
    };
    state.forks[fork.id] = fork;
    owner.waiting = { type: 'children', forkId: fork.id };
    return fork;
  }

  /**
   * Branches start side by side, each linked to where the Parallel state's history is; a redrive
   * keeps the outputs of those that succeeded before (`kept`) and runs only the others.
   */
  private forkParallel(
    state: EngineState,
    adv: Advance,
    owner: ThreadState,
    branches: ForkedRun[],
    kept?: KeptOutcomes,
  ) {
    const fork = this.newFork(state, adv, owner, 'parallel', branches);
    fork.ok = branches.map(() => false);
    for (const [index, output] of Object.entries(kept?.outputs ?? {})) {
      fork.results[Number(index)] = output;
      fork.ok[Number(index)] = true;
    }
    const toRun = branches.map((b, i) => [b, i] as const).filter(([, i]) => !fork.ok![i]);
    fork.running = toRun.length;
    toRun.forEach(([b, i]) => {
      const child = this.newThread(
        state,
        adv,
        fork,
        i,
        undefined,
        b,
        owner.position.lastEventId,
        owner.historyOf,
      );
      child.context = this.contextFor(state, b.scope, b.startAt, 0);
      this.enqueue(state, adv, child);
    });
    if (toRun.length === 0) this.join(state, adv, fork);
  }

  /**
   * Iterations run in at most MaxConcurrency slots. As AWS links them, an iteration's
   * MapIterationStarted follows the last state event of the iteration that ran before it in the
   * same slot (the first ones follow MapStateStarted).
   */
  private forkMap(state: EngineState, adv: Advance, owner: ThreadState, map: MapFork, kept?: KeptOutcomes) {
    const detached = map.mode === 'DISTRIBUTED';
    const fork = this.newFork(state, adv, owner, 'map', map.runs, {
      detached,
      mode: map.mode,
      ...(map.mapRunArn ? { mapRunArn: map.mapRunArn } : {}),
    });
    // A redrive keeps the iterations that succeeded before: they are not run again.
    for (const [index, output] of Object.entries(kept?.outputs ?? {}))
      fork.results[Number(index)] = { status: 'SUCCEEDED', output } as IterationOutcome;
    const toRun = fork.results.filter((r) => r === null).length;
    // An inline Map runs at most 40 iterations at once, as AWS's does, whatever MaxConcurrency says.
    const limit =
      map.mode === 'INLINE'
        ? Math.min(map.maxConcurrency || INLINE_MAP_CONCURRENCY, INLINE_MAP_CONCURRENCY)
        : map.maxConcurrency;
    const width = limit > 0 ? Math.min(limit, toRun) : toRun;
    fork.chains = Array.from({ length: width }, () => owner.position.lastEventId);
    fork.running = width;
    for (let slot = 0; slot < width; slot++) this.startIteration(state, adv, fork, slot);
    if (width === 0) this.join(state, adv, fork);
  }

  /** Moves `fork.next` past iterations a redrive kept; answers whether one is left to start. */
  private hasNextIteration(fork: ForkState): boolean {
    while (fork.next < fork.runs.length && fork.results[fork.next] !== null) fork.next++;
    return fork.next < fork.runs.length;
  }

  private startIteration(state: EngineState, adv: Advance, fork: ForkState, slot: number) {
    this.hasNextIteration(fork);
    const index = fork.next++;
    const run = fork.runs[index];
    const owner = state.threads[fork.owner];
    const historyOf = fork.detached ? fork.id : owner.historyOf;
    const iteration = this.newThread(state, adv, fork, index, slot, run, fork.chains[slot], historyOf);
    this.mark(state, adv, fork, 'MapIterationStarted', iteration);
    iteration.context = this.contextFor(state, run.scope, run.startAt, 0);
    this.enqueue(state, adv, iteration);
  }

  private mark(
    state: EngineState,
    adv: Advance,
    fork: ForkState,
    type: HistoryEventType,
    iteration: ThreadState,
  ): number {
    const name = fork.stateName;
    return this.record(state, adv, iteration, [
      { type, stateName: name, details: { name, index: iteration.index } },
    ])[0].id!;
  }

  /** A thread ended: the execution ends with the top level; a branch or iteration reports to its fork. */
  private finish(state: EngineState, adv: Advance, thread: ThreadState, outcome: ScopeOutcome) {
    delete state.threads[thread.id];
    const fork = thread.forkId ? state.forks[thread.forkId] : undefined;
    if (!fork) {
      // A child execution's top level is a processor scope, whose end the step does not record as
      // the execution's: it is recorded here.
      if (thread.scope !== ROOT_SCOPE && (outcome.ok || !outcome.aborted))
        this.record(state, adv, thread, [
          outcome.ok
            ? { type: 'ExecutionSucceeded', details: { output: outcome.output } }
            : {
                type: 'ExecutionFailed',
                details: { error: outcome.error || undefined, cause: outcome.cause || undefined },
              },
        ]);
      if (outcome.ok) {
        state.status = 'SUCCEEDED';
        state.output = outcome.output;
      } else {
        state.status = state.timedOut ? 'TIMED_OUT' : 'FAILED';
        // A Fail state may leave out Error and Cause; AWS then reports none rather than empty strings.
        state.error = outcome.error || undefined;
        state.cause = outcome.cause || undefined;
      }
      state.runQueue = [];
      return;
    }
    fork.maxEnd = Math.max(fork.maxEnd, thread.position.lastEventId);
    if (fork.kind === 'parallel') {
      if (outcome.ok) {
        fork.results[thread.index!] = outcome.output;
        if (fork.ok) fork.ok[thread.index!] = true;
      } else if (!outcome.aborted && !fork.failed) {
        fork.failed = { error: outcome.error, cause: outcome.cause, position: { ...thread.position } };
        fork.aborted = true;
      }
      if (--fork.running === 0) this.join(state, adv, fork);
      return;
    }
    const chain = thread.position.lastEventId;
    if (outcome.ok) {
      fork.results[thread.index!] = { status: 'SUCCEEDED', output: outcome.output } as IterationOutcome;
      fork.joinAt = this.mark(state, adv, fork, 'MapIterationSucceeded', thread);
    } else if (outcome.aborted) {
      this.mark(state, adv, fork, 'MapIterationAborted', thread);
    } else {
      fork.results[thread.index!] = { status: 'FAILED', error: outcome.error, cause: outcome.cause };
      this.mark(state, adv, fork, 'MapIterationFailed', thread);
      // An inline Map fails on its first failed iteration; the others are aborted.
      if (fork.mode === 'INLINE' && fork.failedAt === undefined) {
        fork.failedAt = chain;
        fork.aborted = true;
      }
    }
    fork.chains[thread.slot!] = chain;
    if (!fork.aborted && this.hasNextIteration(fork)) this.startIteration(state, adv, fork, thread.slot!);
    else if (--fork.running === 0) this.join(state, adv, fork);
  }

  /** Every branch or iteration has ended: the forking thread resumes with their outcomes. */
  private join(state: EngineState, adv: Advance, fork: ForkState) {
    const owner = state.threads[fork.owner];
    delete state.forks[fork.id];
    owner.waiting = undefined;
    // Should the state fail now, a redrive keeps what of the fork succeeded.
    if (owner.id === ROOT_THREAD && !fork.detached) owner.joined = keptOutcomes(fork);
    if (fork.kind === 'parallel') {
      // AWS links the join to the last branch event (on failure, to the failed branch's last event).
      if (fork.failed) {
        owner.position.lastEventId = fork.failed.position.lastEventId;
        owner.position.lastEventType = fork.failed.position.lastEventType;
        owner.pending = { type: 'parallel', error: fork.failed.error, cause: fork.failed.cause };
      } else {
        owner.position.lastEventId = Math.max(owner.position.lastEventId, fork.maxEnd);
        owner.position.lastEventType = undefined;
        owner.pending = { type: 'parallel', outputs: fork.results };
      }
      owner.position.lastRecordedId = undefined;
    } else {
      if (fork.mode === 'INLINE') {
        owner.position.lastEventId = fork.failedAt ?? fork.joinAt;
        owner.position.lastEventType = undefined;
        owner.position.lastRecordedId = undefined;
      }
      owner.pending = {
        type: 'map',
        iterations: fork.results.filter((r): r is IterationOutcome => r !== null),
        ...(fork.mapRunArn ? { mapRunArn: fork.mapRunArn } : {}),
      };
    }
    this.enqueue(state, adv, owner);
  }
}

/**
 * Where a redrive of the top level would enter again: its state, with the input and variables it
 * had, and the Distributed Map run that state waits on or was answered by, whose redrive it is.
 */
function redrivePoint(state: EngineState, thread: ThreadState): RedrivePoint {
  const run =
    thread.pending?.type === 'map'
      ? thread.pending.mapRunArn
      : thread.waiting?.type === 'map-run'
        ? thread.waiting.map.mapRunArn
        : thread.redriveMapRunArn;
  // A fork joined (the state failed on it) or still running (the execution stopped meanwhile).
  const fork = thread.waiting?.type === 'children' ? state.forks[thread.waiting.forkId] : undefined;
  const kept = fork && !fork.detached ? keptOutcomes(fork) : (thread.joined ?? thread.redriveKept);
  return {
    stateName: thread.stateName,
    input: thread.input,
    variables: thread.variables,
    ...(run ? { mapRunArn: run } : {}),
    ...(kept && Object.keys(kept.outputs).length > 0 ? { kept } : {}),
  };
}

/** The branches or iterations of a fork that succeeded, with their outputs. */
function keptOutcomes(fork: ForkState): KeptOutcomes {
  const outputs: Record<string, unknown> = {};
  fork.results.forEach((r, i) => {
    if (fork.kind === 'parallel') {
      if (fork.ok?.[i]) outputs[i] = r;
    } else if ((r as IterationOutcome | null)?.status === 'SUCCEEDED')
      outputs[i] = (r as Extract<IterationOutcome, { status: 'SUCCEEDED' }>).output;
  });
  return { kind: fork.kind, count: fork.runs.length, outputs };
}

/** What a redrive kept of a fork, when the fork made again is the same kind and size. */
function keptOf(kept: KeptOutcomes | undefined, kind: KeptOutcomes['kind'], count: number) {
  return kept && kept.kind === kind && kept.count === count ? kept : undefined;
}
