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
} from '@switchyard/asl';
import {
  duplicateConnection,
  REDIS_CLIENT,
  type RedisClient,
  RedisKeys,
  StoreError,
} from '@switchyard/redis';
import { withLogContext } from '@switchyard/aws-wire';
import { Clock, Metrics, streamBacklog } from '@switchyard/runtime';
import { CompiledMachines } from '../domain/compiled-machines';
import { ExecutionAnnouncements } from '../domain/execution-announcements';
import { MapRuns } from '../domain/map-runs';
import { BucketItems } from '../integrations/bucket-items';
import { QUEUE_READER, QueueItems } from '../integrations/queue-items';
import { EXPRESS_LIMIT_MS, ExpressRunner } from '../domain/express-runner';
import { decodeWorkItem, type ExecutionRef, executionArn, type WorkItem } from '../domain/execution-ref';
import {
  advanceUntilEffect,
  engineRuntime,
  endedFields,
  parseState,
  storedState,
} from '../domain/standard-execution';
import { storeEvent } from '../domain/stored-event';
import { TaskPerformer } from '../domain/task-performer';
import { WorkflowMetrics } from '../domain/workflow-metrics';
import { ExecutionStore, type StoredExecution, WORK_GROUP } from '../store/execution.store';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';

/** How long an executor holds an execution without renewing; a crashed one's hold lapses after it. */
const HOLD_MS = 10_000;
/** How often a holder renews its hold (and keeps its work item its own) while it advances an execution. */
const RENEW_EVERY_MS = 3_000;
/** Work entries a worker reads at a time, and executions it advances at once. */
const BATCH = 16;
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
 * Advances Standard executions. Work (an execution to run, a timer that fired, a timeout) comes
 * through one Redis stream read by a consumer group, so any executor replica takes any item and a
 * crashed one's unacknowledged items are claimed by another. An executor holds an execution while it
 * advances it: it takes every runnable step in turn, committing each (events and state, fenced by
 * the execution's version) before acting on it, performs the tasks the steps ask for, arms durable
 * timers, and acknowledges the item only when the execution waits for nothing it performs.
 */
@Injectable()
export class ExecutionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(ExecutionWorker.name);
  private readonly consumer = `x-${randomUUID()}`;
  private reader?: RedisClient;
  private stopping = false;
  private loop?: Promise<void>;
  private timers?: NodeJS.Timeout;
  private claims?: NodeJS.Timeout;
  private readonly active = new Set<Promise<void>>();

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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Work items not yet done, and timers due but not yet moved to the stream.
    this.registry.backlog('workflow-steps', async () => {
      const [items, due] = await Promise.all([
        streamBacklog(this.redis, this.keys.workflowWork(), WORK_GROUP),
        this.redis.zcount(this.keys.workflowTimers(), '-inf', this.clock.now()),
      ]);
      return items + due;
    });
    try {
      await this.redis.xgroup('CREATE', this.keys.workflowWork(), WORK_GROUP, '0', 'MKSTREAM');
    } catch (e) {
      if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
    }
    this.reader = duplicateConnection(this.redis);
    this.timers = setInterval(
      () => void this.store.takeDueTimers(this.clock.now(), 500).catch(() => undefined),
      TIMER_EVERY_MS,
    );
    this.claims = setInterval(() => void this.claimAbandoned().catch(() => undefined), CLAIM_EVERY_MS);
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timers) clearInterval(this.timers);
    if (this.claims) clearInterval(this.claims);
    await this.loop;
    await Promise.allSettled([...this.active]);
    this.reader?.disconnect();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (this.active.size >= BATCH) {
        await Promise.race([...this.active]);
        continue;
      }
      let reply: [string, [string, string[]][]][] | null = null;
      try {
        reply = (await this.reader!.xreadgroup(
          'GROUP',
          WORK_GROUP,
          this.consumer,
          'COUNT',
          BATCH - this.active.size,
          'BLOCK',
          1000,
          'STREAMS',
          this.keys.workflowWork(),
          '>',
        )) as [string, [string, string[]][]][] | null;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      for (const [id, fields] of reply?.[0]?.[1] ?? []) this.start(id, fields);
    }
  }

  private start(id: string, fields: string[] | null): void {
    const work = this.handle(id, fields?.[1]).catch((e: Error) =>
      this.log.warn(`work item ${id} failed, retried later: ${e.message}`),
    );
    this.active.add(work);
    void work.finally(() => this.active.delete(work));
  }

  /** Entries another executor read and never acknowledged (it died): this one takes them over. */
  private async claimAbandoned(): Promise<void> {
    if (this.stopping) return;
    const [, entries] = (await this.redis.xautoclaim(
      this.keys.workflowWork(),
      WORK_GROUP,
      this.consumer,
      CLAIM_IDLE_MS,
      '0-0',
      'COUNT',
      BATCH,
    )) as [string, [string, string[] | null][]];
    for (const [id, fields] of entries) this.start(id, fields);
  }

  private async handle(id: string, text: string | undefined): Promise<void> {
    const item = text ? decodeWorkItem(text) : undefined;
    /** The hold's release, sent before the acknowledgement and awaited with it. */
    let released: Promise<unknown> = Promise.resolve();
    if (item?.kind === 'express') await this.runExpress(item.execution);
    else if (item?.kind === 'map-run')
      await this.mapRuns.advance(item.accountId, item.thread!, `${this.consumer}/${id}`);
    else if (item) {
      const ref: ExecutionRef = {
        machine: { accountId: item.accountId, region: this.options.region, name: item.machine },
        name: item.execution,
      };
      // The hold is this work item's: two items for one execution never advance it at once, even
      // in one executor.
      const holder = `${this.consumer}/${id}`;
      const taken = await this.store.holdAndLoad(ref, holder, HOLD_MS);
      if (!taken.held) {
        // Another executor advances it now; look again shortly, after it may have let go.
        await this.store.schedule(item, this.clock.now() + HELD_RETRY_MS);
      } else {
        // While it works, the holder renews its hold and keeps the item its own (a long task must not
        // let the hold lapse or the item look abandoned).
        const renewal = setInterval(
          () =>
            void Promise.all([
              this.store.hold(ref, holder, HOLD_MS),
              this.redis.xclaim(this.keys.workflowWork(), WORK_GROUP, this.consumer, 0, id, 'JUSTID'),
            ]).catch(() => undefined),
          RENEW_EVERY_MS,
        );
        try {
          // What is logged while it advances carries the execution's ARN.
          await withLogContext({ executionArn: executionArn(ref) }, () =>
            this.advance(ref, item, taken.stored),
          );
        } catch (e) {
          if (!(e instanceof LostExecution)) throw e;
        } finally {
          clearInterval(renewal);
          released = this.store.release(ref, holder).catch(() => undefined);
        }
      }
    }
    // One group reads the stream: an entry it has acknowledged is done with, and deleting it keeps
    // the stream as long as the work in flight (both commands go out in order on one connection).
    await Promise.all([
      released,
      this.redis.xack(this.keys.workflowWork(), WORK_GROUP, id),
      this.redis.xdel(this.keys.workflowWork(), id),
    ]);
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

  /** Advances an execution this executor holds until it waits for nothing this executor performs. */
  private async advance(
    ref: ExecutionRef,
    item: WorkItem,
    stored: StoredExecution | undefined,
  ): Promise<void> {
    if (!stored) {
      // A start's work item can arrive before its execution is stored (the gateway sends both at
      // once): look once more a second later.
      if (item.kind === 'run' && item.wait === undefined)
        await this.store.schedule({ ...item, wait: 1 }, this.clock.now() + MISSING_RETRY_MS);
      return;
    }
    if (stored.fields.status !== 'RUNNING') {
      // Ended by a change from outside (StopExecution, a task's answer), or by an executor that
      // crashed before announcing it.
      if (stored.fields.announced !== stored.fields.status)
        await this.announcements.ended(ref, stored.fields.status);
      return;
    }
    await this.announcements.running(ref, stored.fields);
    const state = parseState(stored.fields.state);
    const engine = new ExecutionEngine(
      await this.machines.ofExecution(stored.fields),
      engineRuntime(this.clock),
    );
    const run = new HeldExecution(
      ref,
      stored.version,
      Number(stored.fields.started),
      state,
      this.store,
      this.clock,
      this.announcements,
      this.metrics,
    );
    // Whatever the execution waited for when it was last let go is performed or armed again here.
    // What each waiting thread's effect came to, and what to do once that outcome is committed.
    const inFlight = new Map<
      string,
      Promise<{ effect: EngineEffect; outcome: PendingOutcome; settle?: () => Promise<void> }>
    >();
    const perform = async (effects: readonly EngineEffect[]) => {
      for (const effect of effects) {
        if (effect.type === 'timer')
          await this.store.schedule(
            { ...itemOf(ref), kind: 'timer', thread: effect.threadId, wait: effect.wait },
            effect.dueMs,
          );
        else if (effect.type === 'task') {
          const handed = await this.tasks.hand(ref, effect);
          if (handed === 'outside') await this.armTaskTimeouts(ref, effect);
          else
            inFlight.set(
              effect.threadId,
              (handed === 'here' ? this.tasks.perform(effect.task) : Promise.resolve(handed)).then(
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
    };
    await perform(engine.pendingEffects(state));
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
        const adv = await advanceUntilEffect(engine, state);
        await run.commit(adv);
        await perform(adv.effects);
      }
      if (state.status !== 'RUNNING')
        return run.endAnnounced ? undefined : this.announcements.ended(ref, state.status);
      if (inFlight.size === 0) return;
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

  constructor(
    private readonly ref: ExecutionRef,
    private version: string,
    private readonly startedMs: number,
    private readonly state: EngineState,
    private readonly store: ExecutionStore,
    private readonly clock: Clock,
    private readonly announcements: ExecutionAnnouncements,
    private readonly metrics: WorkflowMetrics,
  ) {}

  async commit(adv: Advance): Promise<void> {
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
        adv.events.map((e) => storeEvent(e, now)),
        quietEnd,
      );
      this.version = committed.version;
      this.endAnnounced = committed.announced;
    } catch (e) {
      if (e instanceof StoreError && (e.code === 'STALE' || e.code === 'NOT_FOUND'))
        throw new LostExecution();
      throw e;
    }
    if (ended.status) this.metrics.executionEnded(this.ref.machine.name, ended.status, this.startedMs, now);
  }
}
