import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { LuaScripts, REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import type { QueueRef } from './queue.store';

/** AWS's message-move task statuses. */
export type MoveTaskStatus = 'RUNNING' | 'FAILED' | 'CANCELLING' | 'CANCELLED' | 'COMPLETED';

/** What a task was started with; immutable. */
export interface MoveTaskRecord {
  readonly taskId: string;
  readonly taskHandle: string;
  readonly sourceArn: string;
  /** Absent: each message goes back to the queue it was dead-lettered from. */
  readonly destinationArn?: string;
  readonly maxNumberOfMessagesPerSecond?: number;
  readonly approximateNumberOfMessagesToMove: number;
  readonly startedTimestamp: number;
}

export interface MoveTask extends MoveTaskRecord {
  readonly status: MoveTaskStatus;
  readonly approximateNumberOfMessagesMoved: number;
  readonly failureReason?: string;
}

/** Message-move tasks of source queues, kept in one hash per source queue (on the queue's slot). */
@Injectable()
export class MoveTaskStore {
  private readonly scripts: LuaScripts;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }

  private key(source: QueueRef): string {
    return this.keys.moveTasks(source.accountId, source.name);
  }

  /** Registers a RUNNING task; false when the source already has an active one. */
  async start(source: QueueRef, record: MoveTaskRecord): Promise<boolean> {
    return (
      (await this.scripts.run<number>(
        'start-move-task',
        [this.key(source)],
        [record.taskId, JSON.stringify(record)],
      )) === 1
    );
  }

  /** Changes status when the task is in one of `from`; returns false otherwise (or when unknown). */
  async transition(
    source: QueueRef,
    taskId: string,
    to: MoveTaskStatus,
    from: MoveTaskStatus[],
    failure = '',
  ): Promise<boolean> {
    return (
      (await this.scripts.run<number>(
        'set-move-task-status',
        [this.key(source)],
        [taskId, to, from.join(','), failure],
      )) === 1
    );
  }

  async addMoved(source: QueueRef, taskId: string, count: number): Promise<void> {
    await this.redis.hincrby(this.key(source), `${taskId}:moved`, count);
  }

  async get(source: QueueRef, taskId: string): Promise<MoveTask | undefined> {
    const [record, status, moved, failure] = await this.redis.hmget(
      this.key(source),
      `${taskId}:record`,
      `${taskId}:status`,
      `${taskId}:moved`,
      `${taskId}:failure`,
    );
    if (!record || !status) return undefined;
    return {
      ...(JSON.parse(record) as MoveTaskRecord),
      status: status as MoveTaskStatus,
      approximateNumberOfMessagesMoved: Number(moved ?? 0),
      failureReason: failure ?? undefined,
    };
  }

  /** The most recent tasks first (at most 10 are kept). */
  async list(source: QueueRef, limit: number): Promise<MoveTask[]> {
    const order = (await this.redis.hget(this.key(source), 'order')) ?? '';
    const tasks: MoveTask[] = [];
    for (const id of order.split(',').filter(Boolean).slice(0, limit)) {
      const task = await this.get(source, id);
      if (task) tasks.push(task);
    }
    return tasks;
  }
}
