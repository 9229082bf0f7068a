import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  type ActivityKeys,
  LuaScripts,
  REDIS_CLIENT,
  type RedisClient,
  RedisKeys,
  StoreError,
} from '@switchyard/redis';
import type { StateMachineRef } from '../domain/state-machine-ref';
import { ACTIVITY } from '../errors/sfn-errors';

/** An activity: like a state machine, an account, a region and a name. */
export type ActivityRef = StateMachineRef;

/** A task waiting for an activity worker. */
export interface ActivityTask {
  readonly token: string;
  readonly input: string;
}

/** The only code that talks to Redis about activities and the tasks waiting for their workers. */
@Injectable()
export class ActivityStore {
  private readonly scripts: LuaScripts;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }

  keysOf(ref: ActivityRef): ActivityKeys {
    return this.keys.activity(ref.accountId, ref.name);
  }

  /** Creates the activity, or answers the existing one's creation time. */
  async create(ref: ActivityRef, tags: Record<string, string>, now: number): Promise<number> {
    const k = this.keysOf(ref);
    const created = await this.scripts.run<number>(
      'create-activity',
      [k.meta, k.tags],
      [now, ...Object.entries(tags).flat()],
    );
    await this.redis.zadd(this.keys.activityIndex(ref.accountId), 0, ref.name);
    return created;
  }

  /** The activity's creation time, or StoreError NOT_FOUND. */
  async created(ref: ActivityRef): Promise<number> {
    const created = await this.redis.hget(this.keysOf(ref).meta, 'created');
    if (!created) throw new StoreError(ACTIVITY, 'NOT_FOUND');
    return Number(created);
  }

  /** Deletes the activity, its tags and its waiting tasks; one that does not exist is no error. */
  async delete(ref: ActivityRef): Promise<void> {
    const k = this.keysOf(ref);
    await this.redis.del(k.meta, k.tags, k.tasks, k.pollers);
    await this.redis.zrem(this.keys.activityIndex(ref.accountId), ref.name);
  }

  async listNames(accountId: string, after: string | undefined, limit: number): Promise<string[]> {
    return this.redis.zrangebylex(
      this.keys.activityIndex(accountId),
      after === undefined ? '-' : `(${after}`,
      '+',
      'LIMIT',
      0,
      limit,
    );
  }

  /** Queues a task for the activity's workers and wakes one that waits. */
  async push(ref: ActivityRef, task: ActivityTask): Promise<void> {
    const k = this.keysOf(ref);
    await this.redis.rpush(k.tasks, JSON.stringify(task));
    await this.redis.publish(k.wake, '1');
  }

  /**
   * Opens a poll of the activity's, counted with every gateway's until `endsAtMs` (a gateway that
   * died leaves none open past it); false, opening none, when `max` are open already.
   */
  async openPoll(ref: ActivityRef, pollId: string, nowMs: number, endsAtMs: number, max: number) {
    const opened = await this.scripts.run<number>(
      'open-activity-poll',
      [this.keysOf(ref).pollers],
      [pollId, nowMs, endsAtMs, max],
    );
    return opened === 1;
  }

  async closePoll(ref: ActivityRef, pollId: string): Promise<void> {
    await this.redis.zrem(this.keysOf(ref).pollers, pollId);
  }

  /** The oldest waiting task, taken (a task goes to one worker), or undefined. */
  async pop(ref: ActivityRef): Promise<ActivityTask | undefined> {
    const text = await this.redis.lpop(this.keysOf(ref).tasks);
    return text ? (JSON.parse(text) as ActivityTask) : undefined;
  }
}
