import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { PendingOutcome } from '@switchyard/asl';
import {
  checkReply,
  countedFields,
  type ExecutionKeys,
  LuaScripts,
  REDIS_CLIENT,
  type RedisClient,
  RedisKeys,
  StoreError,
} from '@switchyard/redis';
import { type ExecutionRef, encodeWorkItem, type WorkItem } from '../domain/execution-ref';
import { EXECUTION } from '../errors/sfn-errors';

/** An execution as stored: its description fields, its engine state and its fencing version. */
export interface StoredExecution {
  readonly ref: ExecutionRef;
  readonly fields: Record<string, string>;
  readonly version: string;
}

/** Where a task token leads. */
export interface TokenTarget {
  readonly accountId: string;
  readonly machine: string;
  readonly execution: string;
  readonly thread: string;
  readonly wait: number;
}

/**
 * An execution's branch tasks: the waits handed to the tasks stream and not yet answered, and the
 * outcomes recorded for them and not yet applied, by wait.
 */
export interface BranchTasks {
  readonly handed: ReadonlySet<number>;
  readonly outcomes: ReadonlyMap<number, { readonly thread: string; readonly outcome: PendingOutcome }>;
}

/** Task tokens are kept a year and a day: AWS's longest execution, and a day to answer. */
const TOKEN_TTL_SECONDS = 366 * 24 * 3600;

/**
 * How long an ended execution is kept (AWS keeps closed executions 90 days): then it and its
 * history are gone, and its name may be used again.
 */
export const CLOSED_RETENTION_MS = 90 * 24 * 3600 * 1000;

/**
 * Every this many starts of a machine's executions a gateway looks at the machine's oldest index
 * entries (at most INDEX_SWEEP_BATCH of them) for executions that have expired, and takes them out:
 * so the index does not keep every name a machine ever ran.
 */
const INDEX_SWEEP_EVERY = 64;
const INDEX_SWEEP_BATCH = 32;

/** How long an asynchronous Express start waits for an executor: twice its 5-minute limit. */
const EXPRESS_KEEP_MS = 10 * 60 * 1000;

/** The work stream's consumer group, shared by every executor. */
export const WORK_GROUP = 'executors';

/**
 * The only code that talks to Redis about Standard executions: their description and engine state
 * (one hash), their history (one list), the hold of the executor advancing one, and the work
 * stream and timers executors share.
 */
@Injectable()
export class ExecutionStore {
  private readonly scripts: LuaScripts;
  /** Definitions this process has kept already. */
  private readonly definitionsKept = new Set<string>();
  /** Starts since this process last swept an execution index. */
  private startsSinceSweep = 0;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }

  private keysOf(ref: ExecutionRef): ExecutionKeys {
    return this.keys.execution(ref.machine.accountId, ref.machine.name, ref.name);
  }

  /**
   * Starts an execution (its meta fields and first events), or answers the one of that name. The
   * machine's index is written after, on its own slot; `indexed` repeats that for a restart.
   */
  async create(
    ref: ExecutionRef,
    fields: Record<string, string>,
    events: readonly string[],
    startedMs: number,
    /** False for a Distributed Map's child, which its map run indexes instead of its machine. */
    indexed = true,
  ): Promise<{ created: true } | { created: false; status: string; input: string; started: number }> {
    const k = this.keysOf(ref);
    // The index is written beside the execution (NX: a name started before keeps its place).
    const index = this.keys.executionIndex(ref.machine.accountId, ref.machine.name);
    const [reply, added] = await Promise.all([
      this.scripts.run<number | [number, string, string, string]>(
        'create-execution',
        [k.meta, k.history],
        countedFields(fields).concat(events),
      ),
      indexed ? this.redis.zadd(index, 'NX', startedMs, ref.name) : undefined,
    ]);
    if (reply === 1) {
      // A name used again once its execution had expired (90 days after it ended) moves to its new
      // start, where ListExecutions lists the new execution. (Not XX: a sweep may have taken the
      // old entry out since.)
      if (added === 0) await this.redis.zadd(index, startedMs, ref.name);
      if (indexed && ++this.startsSinceSweep >= INDEX_SWEEP_EVERY) {
        this.startsSinceSweep = 0;
        // A sweep that fails leaves the names for a later one.
        void this.forgetExpired(ref.machine.accountId, ref.machine.name, startedMs).catch(() => undefined);
      }
      return { created: true };
    }
    const [, status, input, started] = reply as [number, string, string, string];
    return { created: false, status, input, started: Number(started) };
  }

  /**
   * An execution's fields and version, or StoreError NOT_FOUND; only `names` when given (the
   * engine state is the bulk of an execution, and describing one does not need it).
   */
  async load(ref: ExecutionRef, names?: readonly string[]): Promise<StoredExecution> {
    const key = this.keysOf(ref).meta;
    let fields: Record<string, string>;
    if (names) {
      const values = await this.redis.hmget(key, 'version', ...names);
      fields = {};
      if (values[0] !== null) fields.version = values[0];
      names.forEach((name, i) => {
        if (values[i + 1] !== null) fields[name] = values[i + 1]!;
      });
    } else fields = await this.redis.hgetall(key);
    if (!fields.version) throw new StoreError(EXECUTION, 'NOT_FOUND');
    return { ref, fields, version: fields.version };
  }

  /**
   * Commits a transition: the changed fields and the new events, if the execution is still at
   * `version`, taking the branch task outcomes of the `applied` waits off the execution. Answers the
   * new version, whether the commit recorded the execution's end as announced (`announceIfUnlinked`:
   * it ends, and no parent or map run waits on it), how many branch task outcomes wait to be
   * applied, and whether it let go of the execution for `holder` (an end recorded as announced
   * leaves the holder nothing to do, unless a run was merged into its work); StoreError STALE when
   * something else changed it first. `takeHoldMs`: the holder takes the execution's hold with this
   * commit (StoreError WRONG_STATE when another executor holds it).
   */
  async commit(
    ref: ExecutionRef,
    version: string,
    fields: Record<string, string>,
    events: readonly string[],
    options: {
      announceIfUnlinked?: boolean;
      applied?: readonly number[];
      holder?: string;
      takeHoldMs?: number;
    } = {},
  ): Promise<{ version: string; announced: boolean; outcomesWaiting: number; released: boolean }> {
    const k = this.keysOf(ref);
    const applied = options.applied ?? [];
    const [next, announced, waiting, released] = checkReply(
      EXECUTION,
      await this.scripts.run<[number, number, number, number] | number>(
        'commit-execution',
        [k.meta, k.history, k.tokens, k.handed, k.outcomes, k.hold, k.rerun],
        [
          version,
          CLOSED_RETENTION_MS,
          options.announceIfUnlinked ? '1' : '',
          options.holder ?? '',
          options.takeHoldMs ?? '',
          applied.length,
          ...applied,
        ].concat(countedFields(fields), events),
      ),
    ) as [number, number, number, number];
    return {
      version: String(next),
      announced: announced === 1,
      outcomesWaiting: waiting,
      released: released === 1,
    };
  }

  /**
   * Hands a branch task to every executor: the work item (carrying the task) goes on the tasks
   * stream first, then the wait is marked handed, so a crash in between only hands it again.
   */
  async handTask(item: WorkItem): Promise<void> {
    await this.redis.xadd(this.keys.workflowTasks(), '*', 'w', encodeWorkItem(item));
    const k = this.keys.execution(item.accountId, item.machine, item.execution);
    await this.redis.hset(k.handed, String(item.wait), '1');
  }

  /** The execution's branch tasks handed and not yet answered, and their outcomes not yet applied. */
  async branchTasks(ref: ExecutionRef): Promise<BranchTasks> {
    const k = this.keysOf(ref);
    const [handed, recorded] = await Promise.all([
      this.redis.hkeys(k.handed),
      this.redis.hgetall(k.outcomes),
    ]);
    const outcomes = new Map<number, { thread: string; outcome: PendingOutcome }>();
    for (const [wait, text] of Object.entries(recorded)) {
      const [thread, outcome] = JSON.parse(text) as [string, PendingOutcome];
      outcomes.set(Number(wait), { thread, outcome });
    }
    return { handed: new Set(handed.map(Number)), outcomes };
  }

  /**
   * Records a branch task's outcome for the execution that handed it: `first` when no other
   * waits to be applied (the recorder then hands the execution to the executors), `behind` when
   * others do, `again` when it was recorded before, `ended` when the execution runs no more.
   */
  async recordTaskOutcome(
    ref: ExecutionRef,
    thread: string,
    wait: number,
    outcome: PendingOutcome,
  ): Promise<'first' | 'behind' | 'again' | 'ended'> {
    const k = this.keysOf(ref);
    const reply = await this.scripts.run<number>(
      'record-task-outcome',
      [k.meta, k.outcomes],
      [wait, JSON.stringify([thread, outcome])],
    );
    return reply === 1 ? 'first' : reply === 2 ? 'behind' : reply === 0 ? 'again' : 'ended';
  }

  /** Whether a branch task's outcome is recorded (a task item claimed after a crash is not performed again). */
  async taskOutcomeRecorded(ref: ExecutionRef, wait: number): Promise<boolean> {
    return (await this.redis.hexists(this.keysOf(ref).outcomes, String(wait))) === 1;
  }

  /**
   * Links a child execution to the parent thread waiting for its end, unless it is linked already:
   * answers the link it holds now and its status. StoreError NOT_FOUND when there is no such child.
   */
  async linkParent(child: ExecutionRef, link: string): Promise<{ link: string; status: string }> {
    const reply = checkReply(
      EXECUTION,
      await this.scripts.run<[string, string] | number>('link-parent', [this.keysOf(child).meta], [link]),
    ) as [string, string];
    return { link: reply[0], status: reply[1] };
  }

  /** Records which status of an execution was last announced (to its parent, as an event). */
  async markAnnounced(ref: ExecutionRef, status: string): Promise<void> {
    await this.redis.hset(this.keysOf(ref).meta, 'announced', status);
  }

  /** History events `start` to `stop` (inclusive, 0-based; negative counts from the end), as stored. */
  async history(ref: ExecutionRef, start: number, stop: number): Promise<string[]> {
    return this.redis.lrange(this.keysOf(ref).history, start, stop);
  }

  async historyLength(ref: ExecutionRef): Promise<number> {
    return this.redis.llen(this.keysOf(ref).history);
  }

  /** Takes or renews the hold of an execution for `holder`; false when another executor has it. */
  async hold(ref: ExecutionRef, holder: string, ms: number): Promise<boolean> {
    return (await this.scripts.run<number>('hold-execution', [this.keysOf(ref).hold], [holder, ms])) === 1;
  }

  /**
   * Takes or renews the hold of an execution for `holder` and reads it, in one step: `held` false
   * when another executor has it (`merged`: the caller's `run` item is left to that holder, who goes
   * around once more before it lets go); `stored` undefined when there is no such execution.
   */
  async holdAndLoad(
    ref: ExecutionRef,
    holder: string,
    ms: number,
    mergeRun = false,
  ): Promise<{ held: false; merged: boolean } | { held: true; stored?: StoredExecution }> {
    const k = this.keysOf(ref);
    const reply = await this.scripts.run<0 | 1 | string[]>(
      'hold-and-load-execution',
      [k.hold, k.meta, k.rerun],
      [holder, ms, mergeRun ? '1' : ''],
    );
    if (reply === 0 || reply === 1) return { held: false, merged: reply === 1 };
    const fields: Record<string, string> = {};
    for (let i = 0; i < reply.length; i += 2) fields[reply[i]] = reply[i + 1];
    return { held: true, stored: fields.version ? { ref, fields, version: fields.version } : undefined };
  }

  /**
   * Lets go of an execution `holder` holds (`released`), unless a `run` item was merged into its
   * work meanwhile: it then keeps the hold for `ms` to go around again (`again`). `lost` when it
   * held it no more.
   */
  async release(ref: ExecutionRef, holder: string, ms: number): Promise<'released' | 'again' | 'lost'> {
    const k = this.keysOf(ref);
    const reply = await this.scripts.run<number>('release-hold', [k.hold, k.rerun], [holder, ms]);
    return reply === 1 ? 'released' : reply === 2 ? 'again' : 'lost';
  }

  /**
   * The task token of a thread's wait: the one issued before, or `token` now (`issued` says which).
   * The token then leads to the execution, thread and wait (for a year and a day: no task waits longer).
   */
  async issueToken(
    ref: ExecutionRef,
    thread: string,
    wait: number,
    token: string,
  ): Promise<{ token: string; issued: boolean }> {
    const k = this.keysOf(ref);
    const field = `${thread}:${wait}`;
    const issued = (await this.redis.hsetnx(k.tokens, field, token)) === 1;
    const current = issued ? token : ((await this.redis.hget(k.tokens, field)) ?? token);
    const target: TokenTarget = {
      accountId: ref.machine.accountId,
      machine: ref.machine.name,
      execution: ref.name,
      thread,
      wait,
    };
    await this.redis.set(this.keys.taskToken(current), JSON.stringify(target), 'EX', TOKEN_TTL_SECONDS);
    return { token: current, issued };
  }

  /** Where a task token leads, or undefined for a token never issued (or long expired). */
  async tokenTarget(token: string): Promise<TokenTarget | undefined> {
    const text = await this.redis.get(this.keys.taskToken(token));
    return text ? (JSON.parse(text) as TokenTarget) : undefined;
  }

  /**
   * Keeps a definition under its SHA-1 (once: executions refer to it rather than each carrying a
   * copy); answers the hash.
   */
  async putDefinition(definition: string): Promise<string> {
    const sha = createHash('sha1').update(definition, 'utf8').digest('hex');
    if (!this.definitionsKept.has(sha)) {
      await this.redis.set(this.keys.definition(sha), definition, 'NX');
      this.definitionsKept.add(sha);
    }
    return sha;
  }

  /** The definition an execution runs (by the hash it refers to), or StoreError NOT_FOUND. */
  async definition(sha: string): Promise<string> {
    const text = await this.redis.get(this.keys.definition(sha));
    if (text === null) throw new StoreError(EXECUTION, 'NOT_FOUND');
    return text;
  }

  /** Keeps an asynchronous Express execution's request for the executor that runs it (10 minutes at most). */
  async putExpress(id: string, request: Record<string, string>): Promise<void> {
    const key = this.keys.expressRun(id);
    await this.redis.hset(key, request);
    await this.redis.pexpire(key, EXPRESS_KEEP_MS);
  }

  /** An asynchronous Express execution's request, or undefined once it ran (or expired). */
  async getExpress(id: string): Promise<Record<string, string> | undefined> {
    const request = await this.redis.hgetall(this.keys.expressRun(id));
    return request.definition ? request : undefined;
  }

  async deleteExpress(id: string): Promise<void> {
    await this.redis.del(this.keys.expressRun(id));
  }

  /** Hands work to the executors now. */
  async enqueue(item: WorkItem): Promise<void> {
    await this.redis.xadd(this.keys.workflowWork(), '*', 'w', encodeWorkItem(item));
  }

  /**
   * Hands work to the executors at `dueMs` (a durable timer). `once` keeps a timer already armed
   * for the same item (a task's timeout is armed once, however often its execution is resumed);
   * `onlyIfArmed` moves one that is armed and arms none (a heartbeat pushes its timeout back).
   */
  async schedule(item: WorkItem, dueMs: number, mode?: 'once' | 'onlyIfArmed'): Promise<void> {
    const key = this.keys.workflowTimers();
    const member = encodeWorkItem(item);
    if (mode === 'once') await this.redis.zadd(key, 'NX', dueMs, member);
    else if (mode === 'onlyIfArmed') await this.redis.zadd(key, 'XX', dueMs, member);
    else await this.redis.zadd(key, dueMs, member);
  }

  /** Moves due timers onto the work stream; answers how many. */
  async takeDueTimers(nowMs: number, limit: number): Promise<number> {
    return this.scripts.run<number>(
      'take-due-timers',
      [this.keys.workflowTimers(), this.keys.workflowWork()],
      [nowMs, limit],
    );
  }

  /**
   * Takes the expired executions among a machine's oldest index entries out of its index; answers
   * how many. An entry is expired when its execution's hash is gone and it started more than the
   * retention ago (an execution stored just now may be indexed before its hash is written).
   */
  async forgetExpired(accountId: string, machine: string, nowMs: number): Promise<number> {
    const index = this.keys.executionIndex(accountId, machine);
    const oldest = await this.redis.zrange(index, 0, INDEX_SWEEP_BATCH - 1, 'WITHSCORES');
    const candidates: [string, string][] = [];
    for (let i = 0; i < oldest.length; i += 2)
      if (Number(oldest[i + 1]) < nowMs - CLOSED_RETENTION_MS) candidates.push([oldest[i + 1], oldest[i]]);
    if (candidates.length === 0) return 0;
    const kept = await Promise.all(
      candidates.map(([, name]) => this.redis.exists(this.keys.execution(accountId, machine, name).meta)),
    );
    const gone = candidates.filter((_, i) => kept[i] === 0).flat();
    if (gone.length === 0) return 0;
    return this.scripts.run<number>('forget-expired-executions', [index], gone);
  }

  /** Names of a machine's executions, newest first, from the `offset`th on. */
  async listNames(accountId: string, machine: string, offset: number, count: number): Promise<string[]> {
    return this.redis.zrevrange(this.keys.executionIndex(accountId, machine), offset, offset + count - 1);
  }
}
