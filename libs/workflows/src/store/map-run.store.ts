import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  checkReply,
  LuaScripts,
  type MapRunKeys,
  REDIS_CLIENT,
  type RedisClient,
  RedisKeys,
} from '@switchyard/redis';
import type { ExecutionRef } from '../domain/execution-ref';
import { MAP_RUN } from '../errors/sfn-errors';
import { CLOSED_RETENTION_MS } from './execution.store';

/** A Distributed Map run as stored: its meta fields (settings, parent's wait, counts, status). */
export type StoredMapRun = Record<string, string>;

/** What the end of one item's child did to its run. */
export interface ItemRecorded {
  /** False when the item's end was recorded before (a child's end is announced at least once). */
  readonly recorded: boolean;
  /** Every child has ended (or the run stopped and its running children have): the parent may go on. */
  readonly done: boolean;
  /** Items are left to start, and the run still starts them. */
  readonly moreToLaunch: boolean;
  /** This end took the failures past what the run tolerates: the run failed now. */
  readonly failedRun: boolean;
}

/**
 * The only code that talks to Redis about Distributed Map runs: a run's settings and counts (one
 * hash), its items' inputs (a list), their outcomes (a hash), its children (a sorted set) and, once
 * redriven, the items to redrive (a list), all on the run's slot; and each execution's index of its runs, on the execution's slot.
 */
@Injectable()
export class MapRunStore {
  private readonly scripts: LuaScripts;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }

  keysOf(accountId: string, runId: string): MapRunKeys {
    return this.keys.mapRun(accountId, runId);
  }

  /** Stores a run and its items, unless stored before; indexes it under its parent execution. */
  async create(
    accountId: string,
    runId: string,
    parent: ExecutionRef,
    fields: Record<string, string>,
    items: readonly string[],
    startedMs: number,
  ): Promise<boolean> {
    const k = this.keysOf(accountId, runId);
    const pairs = Object.entries(fields);
    const created = await this.scripts.run<number>(
      'create-map-run',
      [k.meta, k.items],
      [pairs.length, ...pairs.flat(), ...items],
    );
    await this.redis.zadd(
      this.keys.execution(parent.machine.accountId, parent.machine.name, parent.name).mapRuns,
      'NX',
      startedMs,
      runId,
    );
    return created === 1;
  }

  /** The run's meta fields; undefined when there is no such run. */
  async get(accountId: string, runId: string): Promise<StoredMapRun | undefined> {
    const fields = await this.redis.hgetall(this.keysOf(accountId, runId).meta);
    return fields.status ? fields : undefined;
  }

  /**
   * Takes up to `max` items to start: answers how many items' children are known to exist
   * (`created`), the index of the first item taken and their inputs.
   */
  async launch(
    accountId: string,
    runId: string,
    max: number,
  ): Promise<{ created: number; first: number; inputs: string[] }> {
    const k = this.keysOf(accountId, runId);
    const reply = checkReply(
      MAP_RUN,
      await this.scripts.run<(number | string)[] | number>('launch-map-items', [k.meta, k.items], [max]),
    ) as (number | string)[];
    return { created: Number(reply[0]), first: Number(reply[1]), inputs: reply.slice(2) as string[] };
  }

  /** The inputs of items `from` to `to` (exclusive): those taken before whose children may not exist. */
  async inputs(accountId: string, runId: string, from: number, to: number): Promise<string[]> {
    return to > from ? this.redis.lrange(this.keysOf(accountId, runId).items, from, to - 1) : [];
  }

  /** Notes that the children of every item before `upTo` exist. */
  markCreated(accountId: string, runId: string, upTo: number): Promise<void> {
    return this.raise(accountId, runId, 'created', upTo);
  }

  /**
   * Redrives a run that did not succeed, with its parent (which `parent` names the wait of): its
   * items whose children did not succeed are queued to be redriven. Answers how many, 'running'
   * when it was redriven before, or 'busy' while children of its last attempt are still ending.
   */
  async redrive(
    accountId: string,
    runId: string,
    parent: string,
    nowMs: number,
  ): Promise<number | 'running' | 'busy'> {
    const k = this.keysOf(accountId, runId);
    const [outcome, count] = checkReply(
      MAP_RUN,
      await this.scripts.run<[number, number] | number>(
        'redrive-map-run',
        [k.meta, k.results, k.redrive, k.items, k.executions],
        [parent, nowMs],
      ),
    ) as [number, number];
    return outcome === 1 ? count : outcome === 2 ? 'running' : 'busy';
  }

  /**
   * Takes up to `max` items of a redriven run to redrive: answers how many items' children are
   * known redriven (`done`), the position in the redrive list of the first taken, and their indexes.
   */
  async takeRedrives(
    accountId: string,
    runId: string,
    max: number,
  ): Promise<{ done: number; first: number; indexes: number[] }> {
    const k = this.keysOf(accountId, runId);
    const reply = checkReply(
      MAP_RUN,
      await this.scripts.run<(number | string)[] | number>('take-map-redrives', [k.meta, k.redrive], [max]),
    ) as (number | string)[];
    return { done: Number(reply[0]), first: Number(reply[1]), indexes: reply.slice(2).map(Number) };
  }

  /** The indexes at positions `from` to `to` (exclusive) of the redrive list. */
  async redriveIndexes(accountId: string, runId: string, from: number, to: number): Promise<number[]> {
    if (to <= from) return [];
    return (await this.redis.lrange(this.keysOf(accountId, runId).redrive, from, to - 1)).map(Number);
  }

  /** Notes that the children of the redrive list's items before position `upTo` are redriven. */
  markRedriven(accountId: string, runId: string, upTo: number): Promise<void> {
    return this.raise(accountId, runId, 'redriveDone', upTo);
  }

  /** Counts an item whose child could not be redriven (its outcome stands). */
  async countNotRedrivable(accountId: string, runId: string): Promise<void> {
    await this.redis.hincrby(this.keysOf(accountId, runId).meta, 'notRedrivable', 1);
  }

  /** The indexes of the items still to be redriven (a redriven run's children that wait their turn). */
  async pendingRedrives(accountId: string, runId: string, run: StoredMapRun): Promise<number[]> {
    const taken = Number(run.redriveTaken ?? 0);
    if (Number(run.redriveTotal ?? 0) <= taken) return [];
    return (await this.redis.lrange(this.keysOf(accountId, runId).redrive, taken, -1)).map(Number);
  }

  /** Raises a counter of the run's (the caller holds the run) to `upTo`, never lowering it. */
  private async raise(accountId: string, runId: string, field: string, upTo: number): Promise<void> {
    const meta = this.keysOf(accountId, runId).meta;
    const current = Number((await this.redis.hget(meta, field)) ?? 0);
    if (upTo > current) await this.redis.hset(meta, field, upTo);
  }

  /** Indexes an item's child execution under its run. */
  async addChild(accountId: string, runId: string, index: number, childName: string): Promise<void> {
    await this.redis.zadd(this.keysOf(accountId, runId).executions, 'NX', index, childName);
  }

  /** Records an item's child ended with `outcome`. */
  async record(
    accountId: string,
    runId: string,
    index: number,
    outcome: string,
    status: string,
    nowMs: number,
  ): Promise<ItemRecorded> {
    const k = this.keysOf(accountId, runId);
    const reply = checkReply(
      MAP_RUN,
      await this.scripts.run<number[] | number>(
        'record-map-item',
        [k.meta, k.results],
        [index, outcome, status, nowMs],
      ),
    ) as number[];
    return {
      recorded: reply[0] === 1,
      done: reply[1] === 1,
      moreToLaunch: reply[2] === 1,
      failedRun: reply[3] === 1,
    };
  }

  /** Every item's outcome recorded so far, by index. */
  async results(accountId: string, runId: string): Promise<Map<number, string>> {
    const all = await this.redis.hgetall(this.keysOf(accountId, runId).results);
    return new Map(Object.entries(all).map(([index, outcome]) => [Number(index), outcome]));
  }

  /**
   * Notes that the parent was given the run's outcome: the run is then kept as long as an ended
   * execution is, and answers false when it had been noted before.
   */
  async markAnswered(accountId: string, runId: string): Promise<boolean> {
    const k = this.keysOf(accountId, runId);
    const first = (await this.redis.hsetnx(k.meta, 'answered', '1')) === 1;
    if (first) {
      const ms = CLOSED_RETENTION_MS;
      await Promise.all(
        [k.meta, k.items, k.results, k.executions, k.redrive].map((key) => this.redis.pexpire(key, ms)),
      );
    }
    return first;
  }

  /** Stops a running run from starting more children (ABORTED); false when it was not running. */
  async abort(accountId: string, runId: string, nowMs: number): Promise<boolean> {
    const reply = await this.scripts.run<number>(
      'abort-map-run',
      [this.keysOf(accountId, runId).meta],
      [nowMs],
    );
    return reply === 1;
  }

  /** Changes what UpdateMapRun may change. */
  async update(accountId: string, runId: string, fields: Record<string, string>): Promise<void> {
    if (Object.keys(fields).length > 0) await this.redis.hset(this.keysOf(accountId, runId).meta, fields);
  }

  /** Takes the run's hold for `holder` (or renews it): the holder starts the run's children. */
  async hold(accountId: string, runId: string, holder: string, ms: number): Promise<boolean> {
    const key = this.keysOf(accountId, runId).hold;
    const taken = await this.redis.set(key, holder, 'PX', ms, 'NX');
    if (taken === 'OK') return true;
    if ((await this.redis.get(key)) !== holder) return false;
    await this.redis.pexpire(key, ms);
    return true;
  }

  async release(accountId: string, runId: string, holder: string): Promise<void> {
    const key = this.keysOf(accountId, runId).hold;
    if ((await this.redis.get(key)) === holder) await this.redis.del(key);
  }

  /** A page of an execution's runs (ids), oldest first; every one from `offset` with `count` -1. */
  async listOf(parent: ExecutionRef, offset: number, count: number): Promise<string[]> {
    const key = this.keys.execution(parent.machine.accountId, parent.machine.name, parent.name).mapRuns;
    return this.redis.zrange(key, offset, count < 0 ? -1 : offset + count - 1);
  }

  /** A page of a run's child executions (names), by item index. */
  async childrenOf(accountId: string, runId: string, offset: number, count: number): Promise<string[]> {
    return this.redis.zrange(this.keysOf(accountId, runId).executions, offset, offset + count - 1);
  }
}
