import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  type Advance,
  type EngineEffect,
  type EngineState,
  ExecutionEngine,
  type PendingOutcome,
  ROOT_THREAD,
} from '@switchyard/asl';
import { REDIS_CLIENT, type RedisClient, RedisKeys, StoreError } from '@switchyard/redis';
import { withLogContext } from '@switchyard/aws-wire';
import { Clock, Metrics } from '@switchyard/runtime';
import { CompiledMachines } from '../domain/compiled-machines';
import { ExecutionAnnouncements } from '../domain/execution-announcements';
import { waitsOn } from '../domain/execution-updates';
import { MapRuns } from '../domain/map-runs';
import { BucketItems } from '../integrations/bucket-items';
import { QUEUE_READER, QueueItems } from '../integrations/queue-items';
import { EXPRESS_LIMIT_MS, ExpressRunner } from '../domain/express-runner';
import { decodeWorkItem, type ExecutionRef, executionArn, type WorkItem } from '../domain/execution-ref';
import {
  advanceRunnable,
  engineRuntime,
  endedFields,
  parseState,
  storedState,
} from '../domain/standard-execution';
import { storeEvents } from '../domain/stored-event';
import { TaskPerformer } from '../domain/task-performer';
import { WorkflowMetrics } from '../domain/workflow-metrics';
import { type BranchTasks, ExecutionStore, type StoredExecution } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { type WorkEntry, WorkStream } from './work-stream';

/** How long an executor holds an execution without renewing; a crashed one's hold lapses after it. */
const HOLD_MS = 10_000;
/** How often a holder renews its hold (and keeps its work item its own) while it advances an execution. */
const RENEW_EVERY_MS = 3_000;
/** Executions an executor advances at once (and work entries it reads at a time). */
const BATCH = 16;
/**
 * How long work items gather between reads under a steady trickle (WorkStream's `gatherMs`): at most
 * this much longer before a step that follows another closely, for far fewer round trips. Measured
 * at about 1,500 starts a second on two cores (`npm run bench -- sfn --phases starts`): each of two
 * executors spent about 180 µs CPU per execution with 4 ms and 119–139 µs with 10 ms; an inline Map
 * of 1,000 tasks took about a tenth longer (each round of its iterations' outcomes waits).
 */
const GATHER_MS = 10;
/** Branch tasks an executor performs at once; it reads a few at a time, leaving a burst to others. */
const TASKS_AT_ONCE = 64;
const TASKS_PER_READ = 4;
/** How often due timers are moved to the work stream. */
const TIMER_EVERY_MS = 200;
/** How often work a dead executor read and never acknowledged is claimed. */
const CLAIM_EVERY_MS = 5_000;
/** How long a read entry may stay untouched before another executor takes it over (its holder renews it). */
const CLAIM_IDLE_MS = HOLD_MS + 2_000;
/** A work item for an execution not stored yet is looked at again after this long. */
const MISSING_RETRY_MS = 1_000;
/** An execution another executor holds is looked at again after this long. */
const HELD_RETRY_MS = 100;

/** The execution changed under this executor (stopped, or taken over): it lets go. */
class LostExecution extends Error {}

/**
 * The first commit of a run item that carried its execution's fields found the execution otherwise
 * (not stored yet, changed, or held by another executor): the item takes the usual way, from a read.
 */
class NotTakenYet extends Error {}

/**
 * Advances Standard executions. Work (an execution to run, a timer that fired, a timeout) comes
 * through one Redis stream read by a consumer group, so any executor replica takes any item and a
 * crashed one's unacknowledged items are claimed by another. An executor holds an execution while it
 * advances it: it takes every runnable step in turn, committing each (events and state, fenced by
 * the execution's version) before acting on it, performs the top level's tasks, hands the tasks of
 * Parallel branches and Map iterations to every executor through a second stream, arms durable
 * timers, and acknowledges the item only when the execution waits for nothing it performs. Whoever
 * performs a branch task records its outcome with the execution and hands the execution back to
 * the executors; the next holder applies every outcome recorded by then in one commit.
 */
@Injectable()
export class ExecutionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(ExecutionWorker.name);
  private readonly consumer = `x-${randomUUID()}`;
  private readonly steps: WorkStream;
  private readonly branchTasks: WorkStream;
  private timers?: NodeJS.Timeout;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly store: ExecutionStore,
    private readonly machines: CompiledMachines,
    private readonly tasks: TaskPerformer,
    private readonly announcements: ExecutionAnnouncements,
    private readonly mapRuns: MapRuns,
    private readonly buckets: BucketItems,
    private readonly queueItems: QueueItems,
    private readonly express: ExpressRunner,
    private readonly clock: Clock,
    private readonly metrics: WorkflowMetrics,
    private readonly registry: Metrics,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {
    const claims = { claimIdleMs: CLAIM_IDLE_MS, claimEveryMs: CLAIM_EVERY_MS };
    this.steps = new WorkStream(
      redis,
      keys.workflowWork(),
      this.consumer,
      { limit: BATCH, perRead: BATCH, gatherMs: GATHER_MS, describe: describeWorkItem, ...claims },
      (entry) => this.handle(entry),
      this.log,
    );
    this.branchTasks = new WorkStream(
      redis,
      keys.workflowTasks(),
      this.consumer,
      { limit: TASKS_AT_ONCE, perRead: TASKS_PER_READ, describe: describeWorkItem, ...claims },
      (entry) => this.performBranchTask(entry),
      this.log,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    // Work items and branch tasks not yet done, and timers due but not yet moved to the stream.
    this.registry.backlog('workflow-steps', async () => {
      const [items, tasks, due] = await Promise.all([
        this.steps.backlog(),
        this.branchTasks.backlog(),
        this.redis.zcount(this.keys.workflowTimers(), '-inf', this.clock.now()),
      ]);
      return items + tasks + due;
    });
    this.timers = setInterval(
      () => void this.store.takeDueTimers(this.clock.now(), 500).catch(() => undefined),
      TIMER_EVERY_MS,
    );
    await Promise.all([this.steps.start(), this.branchTasks.start()]);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timers) clearInterval(this.timers);
    await Promise.all([this.steps.stop(), this.branchTasks.stop()]);
  }

  private async handle({ id, text, claimed }: WorkEntry): Promise<void> {
    const item = text ? decodeWorkItem(text) : undefined;
    if (item?.kind === 'express') return this.runExpress(item.execution);
    if (item?.kind === 'map-run')
      return this.mapRuns.advance(item.accountId, item.thread!, `${this.consumer}/${id}`);
    if (!item || item.kind === 'task') return;
    const ref = this.refOf(item);
    // The hold is this work item's: two items for one execution never advance it at once, even
    // in one executor.
    const holder = `${this.consumer}/${id}`;
    // A run item from StartExecution carries the fields it stored: its first commit takes the hold
    // (one Redis call fewer an execution). Not when a rule may want its RUNNING event, which is
    // announced before anything is committed.
    const started =
      item.start && !claimed && (await this.announcements.nothingListens(ref))
        ? { ref, fields: item.start, version: item.start.version }
        : undefined;
    let taken = started
      ? { held: true as const, stored: started }
      : await this.store.holdAndLoad(ref, holder, HOLD_MS, item.kind === 'run');
    if (!taken.held) {
      // Another executor advances it now: a `run` is merged into its work; anything else is looked
      // at again shortly, after it may have let go.
      if (!taken.merged) await this.store.schedule(item, this.clock.now() + HELD_RETRY_MS);
      return;
    }
    // While it works, the holder renews its hold and keeps the item its own (a long task must not
    // let the hold lapse or the item look abandoned).
    const renewal = setInterval(
      () =>
        void Promise.all([this.store.hold(ref, holder, HOLD_MS), this.steps.keep(id)]).catch(() => undefined),
      RENEW_EVERY_MS,
    );
    try {
      // What is logged while it advances carries the execution's ARN. A `run` merged into this
      // holder's work while it advanced sends it around once more, as a `run` of its own would.
      let current: WorkItem = item;
      let untaken = started !== undefined;
      while (taken.held) {
        const { stored } = taken;
        let released = false;
        try {
          released = await withLogContext({ executionArn: executionArn(ref) }, () =>
            this.advance(ref, current, stored, holder, untaken),
          );
        } catch (e) {
          if (e instanceof NotTakenYet) {
            // Read it and take its hold, as for any other item (or leave it to the executor holding it).
            untaken = false;
            const read = await this.store.holdAndLoad(ref, holder, HOLD_MS, true);
            if (!read.held) return;
            taken = read;
            continue;
          }
          if (!(e instanceof LostExecution)) throw e;
        }
        // An ending commit with nothing left to do let go already (one Redis call fewer an execution).
        if (released || (await this.store.release(ref, holder, HOLD_MS)) !== 'again') break;
        current = { ...itemOf(ref), kind: 'run' };
        taken = await this.store.holdAndLoad(ref, holder, HOLD_MS);
      }
    } catch (e) {
      // Its item is not acknowledged: it is claimed again later.
      void this.store.release(ref, holder, HOLD_MS).catch(() => undefined);
      throw e;
    } finally {
      clearInterval(renewal);
    }
  }

  /**
   * Performs a task a Parallel branch or Map iteration waits on, for whichever executor holds its
   * execution, and records the outcome with the execution; the first outcome waiting to be applied
   * hands the execution to the executors. A task claimed from a dead executor whose outcome was
   * recorded is not performed again; its execution is handed on, in case that executor died before.
   */
  private async performBranchTask({ id, text, claimed }: WorkEntry): Promise<void> {
    const item = text ? decodeWorkItem(text) : undefined;
    if (item?.kind !== 'task' || !item.task || !item.thread || item.wait === undefined) return;
    const ref = this.refOf(item);
    const again = { ...itemOf(ref), kind: 'run' as const };
    if (claimed && (await this.store.taskOutcomeRecorded(ref, item.wait))) return this.store.enqueue(again);
    const renewal = setInterval(() => void this.branchTasks.keep(id).catch(() => undefined), RENEW_EVERY_MS);
    let outcome: PendingOutcome;
    try {
      outcome = await withLogContext({ executionArn: executionArn(ref) }, () =>
        this.tasks.perform(item.task!),
      );
    } finally {
      clearInterval(renewal);
    }
    const recorded = await this.store.recordTaskOutcome(ref, item.thread, item.wait, outcome);
    if (recorded === 'first' || (claimed && recorded !== 'ended')) await this.store.enqueue(again);
  }

  private refOf(item: WorkItem): ExecutionRef {
    return {
      machine: { accountId: item.accountId, region: this.options.region, name: item.machine },
      name: item.execution,
    };
  }

  /**
   * Runs an asynchronous Express execution to its end, at least once (a crashed executor's item is
   * claimed and the execution run again), within Express's 5-minute limit.
   */
  private async runExpress(id: string): Promise<void> {
    const request = await this.store.getExpress(id);
    if (!request) return;
    let input: unknown;
    try {
      input = JSON.parse(request.input);
    } catch {
      input = {};
    }
    let limit: NodeJS.Timeout | undefined;
    await Promise.race([
      this.express
        .run({
          definition: request.definition,
          stateMachineArn: request.stateMachineArn,
          roleArn: request.roleArn,
          name: request.name,
          input,
          inputText: request.input,
        })
        .catch((e: Error) => this.log.warn(`express execution ${id} failed to run: ${e.message}`)),
      new Promise((resolve) => (limit = setTimeout(resolve, EXPRESS_LIMIT_MS))),
    ]);
    clearTimeout(limit);
    await this.store.deleteExpress(id);
  }

  /** Arms a task's TimeoutSeconds and HeartbeatSeconds, once (a resumed execution keeps the first). */
  private async armTaskTimeouts(ref: ExecutionRef, effect: EngineEffect & { type: 'task' }): Promise<void> {
    const now = this.clock.now();
    const at = { ...itemOf(ref), thread: effect.threadId, wait: effect.wait };
    if (effect.task.timeoutSeconds !== undefined)
      await this.store.schedule(
        { ...at, kind: 'task-timeout' },
        now + effect.task.timeoutSeconds * 1000,
        'once',
      );
    if (effect.task.heartbeatSeconds !== undefined)
      await this.store.schedule(
        { ...at, kind: 'heartbeat-timeout' },
        now + effect.task.heartbeatSeconds * 1000,
        'once',
      );
  }

  /**
   * Advances an execution this executor holds, as `holder`, until it waits for nothing this executor
   * performs; answers whether the commit that ended it let go of it already. `untaken`: the holder
   * has not taken the hold yet, and `stored` is what StartExecution stored: the first commit takes
   * the hold, and NotTakenYet is thrown (nothing done) when it cannot, or when the execution is not
   * one that such a commit starts (ended at once).
   */
  private async advance(
    ref: ExecutionRef,
    item: WorkItem,
    stored: StoredExecution | undefined,
    holder: string,
    untaken: boolean,
  ): Promise<boolean> {
    if (!stored) {
      // A start's work item can arrive before its execution is stored (the gateway sends both at
      // once): look once more a second later.
      if (item.kind === 'run' && item.wait === undefined)
        await this.store.schedule({ ...item, wait: 1 }, this.clock.now() + MISSING_RETRY_MS);
      return false;
    }
    if (stored.fields.status !== 'RUNNING') {
      if (untaken) throw new NotTakenYet();
      // Ended by a change from outside (StopExecution, a task's answer), or by an executor that
      // crashed before announcing it.
      if (stored.fields.announced !== stored.fields.status)
        await this.announcements.ended(ref, stored.fields.status);
      return false;
    }
    await this.announcements.running(ref, stored.fields);
    const state = parseState(stored.fields.state);
    const engine = new ExecutionEngine(
      await this.machines.ofExecution(stored.fields),
      engineRuntime(this.clock),
    );
    const run = new HeldExecution(
      ref,
      holder,
      stored.version,
      Number(stored.fields.started),
      state,
      this.store,
      this.clock,
      this.announcements,
      this.metrics,
      untaken ? HOLD_MS : undefined,
    );
    // Whatever the execution waited for when it was last let go is performed or armed again here.
    // What each waiting thread's effect came to, and what to do once that outcome is committed.
    const inFlight = new Map<
      string,
      Promise<{ effect: EngineEffect; outcome: PendingOutcome; settle?: () => Promise<void> }>
    >();
    /**
     * Acts on the effects of committed steps whose threads still wait on them: a batch of steps may
     * end the execution, or a Parallel, after a thread asked for something. `handed`: branch tasks
     * handed before (the execution was let go while they ran elsewhere).
     */
    const perform = async (effects: readonly EngineEffect[], handed?: ReadonlySet<number>) => {
      // Branch tasks are handed all at once (a Map's iterations may be many).
      const handing: Promise<void>[] = [];
      for (const effect of effects) {
        if (state.status !== 'RUNNING' || state.threads[effect.threadId]?.waits !== effect.wait) continue;
        if (effect.type === 'timer')
          await this.store.schedule(
            { ...itemOf(ref), kind: 'timer', thread: effect.threadId, wait: effect.wait },
            effect.dueMs,
          );
        else if (effect.type === 'task') {
          const where = await this.tasks.hand(ref, effect);
          if (where === 'outside') await this.armTaskTimeouts(ref, effect);
          else if (where === 'here' && effect.threadId !== ROOT_THREAD) {
            // A branch's or iteration's task: whichever executor takes it performs it.
            if (!handed?.has(effect.wait))
              handing.push(
                this.store.handTask({
                  ...itemOf(ref),
                  kind: 'task',
                  thread: effect.threadId,
                  wait: effect.wait,
                  task: effect.task,
                }),
              );
          } else
            inFlight.set(
              effect.threadId,
              (where === 'here' ? this.tasks.perform(effect.task) : Promise.resolve(where)).then(
                (outcome) => ({ effect, outcome }),
              ),
            );
        } else if (effect.type === 'map-run') {
          // Stored before its items leave the engine state, which then no longer carries them.
          await this.mapRuns.start(ref, stored.fields, effect);
          engine.mapRunStored(state, effect.threadId);
          await run.commit({ events: [], effects: [] });
        } else if (effect.type === 'items')
          inFlight.set(
            effect.threadId,
            QUEUE_READER.test(effect.reader.resource)
              ? this.queueItems.read(effect.reader).then((drained) => ({ effect, ...drained }))
              : this.buckets.read(effect.reader).then((outcome) => ({ effect, outcome })),
          );
        else if (effect.type === 'written')
          inFlight.set(
            effect.threadId,
            this.buckets.write(effect.writer).then((outcome) => ({ effect, outcome })),
          );
      }
      await Promise.all(handing);
    };
    /**
     * Resumes the threads still waiting on the branch tasks whose outcomes were recorded, in one
     * commit that takes those outcomes (and any for waits no thread has any more) off the execution.
     */
    const applyBranchOutcomes = async (recorded: BranchTasks) => {
      run.outcomesWaiting = 0;
      const adv: Advance = { events: [], effects: [] };
      const done = new Set(recorded.outcomes.keys());
      for (const [wait, { thread, outcome }] of recorded.outcomes)
        if (waitsOn(state, { thread, wait })) {
          const resumed = engine.resume(state, thread, outcome, wait);
          adv.events.push(...resumed.events);
          adv.effects.push(...resumed.effects);
        }
      const waited = new Set(
        Object.values(state.threads)
          .filter((t) => t.waiting?.type === 'task')
          .map((t) => t.waits),
      );
      for (const wait of recorded.handed) if (!waited.has(wait)) done.add(wait);
      if (done.size === 0) return;
      await run.commit(adv, [...done]);
      await perform(adv.effects);
    };
    const pending = engine.pendingEffects(state);
    if (untaken && pending.length > 0) throw new NotTakenYet();
    const branchTasks = pending.some((e) => e.type === 'task' && e.threadId !== ROOT_THREAD)
      ? await this.store.branchTasks(ref)
      : undefined;
    await perform(pending, branchTasks && new Set([...branchTasks.handed, ...branchTasks.outcomes.keys()]));
    if (branchTasks) await applyBranchOutcomes(branchTasks);
    if (item.kind === 'timer' && item.thread)
      await run.commit(engine.resume(state, item.thread, { type: 'timer' }, item.wait));
    else if ((item.kind === 'task-timeout' || item.kind === 'heartbeat-timeout') && item.thread)
      await run.commit(
        engine.resume(
          state,
          item.thread,
          {
            type: 'task',
            error: item.kind === 'task-timeout' ? 'States.Timeout' : 'States.HeartbeatTimeout',
            cause: '',
            timedOut: true,
          },
          item.wait,
        ),
      );
    else if (item.kind === 'timeout')
      await run.commit(
        engine.end(state, 'ExecutionTimedOut', {
          error: 'States.Timeout',
          cause: 'The execution exceeded its TimeoutSeconds.',
        }),
      );
    for (;;) {
      while (state.status === 'RUNNING' && state.runQueue.length > 0) {
        const adv = await advanceRunnable(engine, state);
        await run.commit(adv);
        await perform(adv.effects);
      }
      if (state.status !== 'RUNNING') {
        if (!run.endAnnounced) await this.announcements.ended(ref, state.status);
        return run.released;
      }
      if (run.outcomesWaiting > 0) {
        await applyBranchOutcomes(await this.store.branchTasks(ref));
        continue;
      }
      if (inFlight.size === 0) return false;
      const { effect, outcome, settle } = await Promise.race(inFlight.values());
      inFlight.delete(effect.threadId);
      await run.commit(engine.resume(state, effect.threadId, outcome, effect.wait));
      await settle?.();
    }
  }
}

function itemOf(ref: ExecutionRef): Omit<WorkItem, 'kind'> {
  return { accountId: ref.machine.accountId, machine: ref.machine.name, execution: ref.name };
}

/** An execution an executor holds: commits its transitions in order, fenced by its version. */
class HeldExecution {
  /** Whether the commit that ended the execution recorded its end as announced (nothing to tell). */
  endAnnounced = false;
  /** Branch task outcomes recorded and not yet applied, as the last commit saw them. */
  outcomesWaiting = 0;
  /** Whether the commit that ended the execution let go of it for its holder (nothing was left to do). */
  released = false;

  constructor(
    private readonly ref: ExecutionRef,
    private readonly holder: string,
    private version: string,
    private readonly startedMs: number,
    private readonly state: EngineState,
    private readonly store: ExecutionStore,
    private readonly clock: Clock,
    private readonly announcements: ExecutionAnnouncements,
    private readonly metrics: WorkflowMetrics,
    /** Set when the holder has not taken the hold yet: its first commit takes it for this long. */
    private takeHoldMs?: number,
  ) {}

  /** Commits `adv`, which applied the branch task outcomes of the `applied` waits. */
  async commit(adv: Advance, applied?: readonly number[]): Promise<void> {
    const now = this.clock.now();
    const ended = endedFields(this.state, now);
    const fields: Record<string, string> = { state: storedState(this.state), ...ended };
    // An end no rule listens to, and no parent or map run waits on, is announced by its commit.
    const quietEnd = ended.status !== undefined && (await this.announcements.nothingListens(this.ref));
    try {
      const committed = await this.store.commit(
        this.ref,
        this.version,
        fields,
        storeEvents(adv.events, now),
        { announceIfUnlinked: quietEnd, applied, holder: this.holder, takeHoldMs: this.takeHoldMs },
      );
      this.takeHoldMs = undefined;
      this.version = committed.version;
      this.endAnnounced = committed.announced;
      this.outcomesWaiting = committed.outcomesWaiting;
      this.released = committed.released;
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      if (this.takeHoldMs !== undefined) throw new NotTakenYet();
      if (e.code === 'STALE' || e.code === 'NOT_FOUND') throw new LostExecution();
      throw e;
    }
    if (ended.status) this.metrics.executionEnded(this.ref.machine.name, ended.status, this.startedMs, now);
  }
}

/** A work item as a log line names it: its kind and execution (`run 000000000000/machine/name`). */
function describeWorkItem(text: string): string {
  const item = decodeWorkItem(text);
  return item ? `${item.kind} ${item.accountId}/${item.machine}/${item.execution}` : 'unreadable';
}
