import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  checkReply,
  LuaScripts,
  REDIS_CLIENT,
  type RedisClient,
  RedisKeys,
  StoreError,
  type StateMachineKeys,
} from '@switchyard/redis';
import { type StateMachineRef, stateMachineArn } from '../domain/state-machine-ref';
import { STATE_MACHINE } from '../errors/sfn-errors';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';

/** The most tags a state machine or activity may carry (AWS's quota). */
export const MAX_TAGS = 50;

/** The settings AWS compares when CreateStateMachine repeats a name (roleArn and tags are not). */
export interface StateMachineIdentity {
  readonly definition: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  /** JSON of the configurations as given ('' when not given). */
  readonly loggingConfiguration: string;
  readonly tracingConfiguration: string;
  readonly encryptionConfiguration: string;
}

/** A state machine as stored. */
export interface StoredStateMachine extends StateMachineIdentity {
  readonly ref: StateMachineRef;
  readonly roleArn: string;
  /** Creation time, ms. */
  readonly created: number;
  /** Last update time, ms (absent until UpdateStateMachine). */
  readonly updated?: number;
  readonly revisionId?: string;
  /** DELETING once DeleteStateMachine was asked for, until its executions have ended. */
  readonly status: 'ACTIVE' | 'DELETING';
}

const IDENTITY_FIELDS = [
  'definition',
  'type',
  'loggingConfiguration',
  'tracingConfiguration',
  'encryptionConfiguration',
] as const;

/** The only code that talks to Redis about state machines: one method per script or command. */
@Injectable()
export class StateMachineStore {
  private readonly scripts: LuaScripts;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }

  private keysOf(ref: StateMachineRef): StateMachineKeys {
    // One region per deployment: keys do not carry it, and another region's machine does not exist here.
    if (ref.region !== this.options.region) throw this.error(ref, 'NOT_FOUND');
    return this.keys.stateMachine(ref.accountId, ref.name);
  }

  private error(ref: StateMachineRef, code: 'NOT_FOUND' | 'EXISTS' | 'LIMIT_EXCEEDED'): StoreError {
    return new StoreError(STATE_MACHINE, code, stateMachineArn(ref));
  }

  /** Reads a script reply, naming the machine in the StoreError it throws. */
  private check<T>(ref: StateMachineRef, reply: T): T {
    try {
      return checkReply(STATE_MACHINE, reply);
    } catch (e) {
      if (e instanceof StoreError) throw new StoreError(STATE_MACHINE, e.code, stateMachineArn(ref));
      throw e;
    }
  }

  /** State machines the account owns, for the quota. */
  async count(accountId: string): Promise<number> {
    return this.redis.zcard(this.keys.stateMachineIndex(accountId));
  }

  /**
   * Creates a state machine, or answers the existing one's creation time when its identity matches.
   * Throws StoreError EXISTS when a machine of that name differs.
   */
  async create(
    ref: StateMachineRef,
    identity: StateMachineIdentity,
    roleArn: string,
    tags: Record<string, string>,
    now: number,
  ): Promise<{ created: boolean; creationDate: number }> {
    const k = this.keysOf(ref);
    const compared = IDENTITY_FIELDS.flatMap((f) => [f, identity[f]]);
    const stored = ['roleArn', roleArn, 'created', String(now)];
    const [flag, created] = this.check(
      ref,
      await this.scripts.run<[number, string]>(
        'create-state-machine',
        [k.meta, k.tags],
        [IDENTITY_FIELDS.length, ...compared, stored.length / 2, ...stored, ...Object.entries(tags).flat()],
      ),
    );
    // The index lives on the account's slot; CreateStateMachine is idempotent, so a retry repairs it.
    await this.redis.zadd(this.keys.stateMachineIndex(ref.accountId), 0, ref.name);
    return { created: flag === 1, creationDate: Number(created) };
  }

  /** A state machine, or StoreError NOT_FOUND. */
  async get(ref: StateMachineRef): Promise<StoredStateMachine> {
    const h = await this.redis.hgetall(this.keysOf(ref).meta);
    if (!h.created) throw this.error(ref, 'NOT_FOUND');
    return {
      ref,
      definition: h.definition,
      type: h.type as StoredStateMachine['type'],
      loggingConfiguration: h.loggingConfiguration ?? '',
      tracingConfiguration: h.tracingConfiguration ?? '',
      encryptionConfiguration: h.encryptionConfiguration ?? '',
      roleArn: h.roleArn,
      created: Number(h.created),
      updated: h.updated ? Number(h.updated) : undefined,
      revisionId: h.revisionId,
      status: h.status === 'DELETING' ? 'DELETING' : 'ACTIVE',
    };
  }

  /** Changes the given settings of a machine (StoreError NOT_FOUND when there is none). */
  async update(ref: StateMachineRef, fields: Record<string, string>): Promise<void> {
    this.check(
      ref,
      await this.scripts.run<number>(
        'update-state-machine',
        [this.keysOf(ref).meta],
        Object.entries(fields).flat(),
      ),
    );
  }

  /**
   * Marks a machine DELETING and lists it for the executors, which end its running executions and
   * then delete it; a machine that does not exist is no error.
   */
  async markDeleting(ref: StateMachineRef): Promise<void> {
    const k = this.keysOf(ref);
    if (!(await this.redis.hexists(k.meta, 'created'))) return;
    await this.redis.hset(k.meta, 'status', 'DELETING');
    await this.redis.sadd(this.keys.stateMachinesDeleting(), `${ref.accountId}\n${ref.name}`);
  }

  /** Machines marked DELETING. */
  async deleting(): Promise<StateMachineRef[]> {
    const members = await this.redis.smembers(this.keys.stateMachinesDeleting());
    return members.map((m) => {
      const cut = m.indexOf('\n');
      return { accountId: m.slice(0, cut), region: this.options.region, name: m.slice(cut + 1) };
    });
  }

  /** Deletes a machine and its tags for good (its executions stay describable). */
  async delete(ref: StateMachineRef): Promise<void> {
    const k = this.keysOf(ref);
    await this.redis.del(k.meta, k.tags);
    await this.redis.zrem(this.keys.stateMachineIndex(ref.accountId), ref.name);
    await this.redis.srem(this.keys.stateMachinesDeleting(), `${ref.accountId}\n${ref.name}`);
  }

  /** Names of the account's machines after `after` (exclusive), in name order, at most `limit`. */
  async listNames(accountId: string, after: string | undefined, limit: number): Promise<string[]> {
    return this.redis.zrangebylex(
      this.keys.stateMachineIndex(accountId),
      after === undefined ? '-' : `(${after}`,
      '+',
      'LIMIT',
      0,
      limit,
    );
  }
}
