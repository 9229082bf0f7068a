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
import { ALIAS, MAX_ALIASES, MAX_VERSIONS, STATE_MACHINE, VERSION } from '../errors/sfn-errors';
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
  /** SHA-1 of the definition, under which it is kept for executions and versions (absent on machines stored before). */
  readonly definitionSha?: string;
  /** DELETING once DeleteStateMachine was asked for, until its executions have ended. */
  readonly status: 'ACTIVE' | 'DELETING';
}

/** A published version of a state machine: the revision it was published from, frozen. */
export interface StoredVersion {
  /** Its number, as its ARN writes it. */
  readonly version: string;
  /** SHA-1 of its definition, kept under `{def:<sha>}` (ExecutionStore.definition). */
  readonly definitionSha: string;
  readonly roleArn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  /** JSON of the configurations as given ('' when not given). */
  readonly loggingConfiguration: string;
  readonly tracingConfiguration: string;
  readonly encryptionConfiguration: string;
  /** The revision it was published from; absent for a machine's first revision. */
  readonly revisionId?: string;
  readonly description?: string;
  /** Publication time, ms. */
  readonly created: number;
}

/** One version an alias routes to, and the percentage of executions it gets. */
export interface AliasRoute {
  readonly version: string;
  readonly weight: number;
}

/** An alias of a state machine, as stored. */
export interface StoredAlias {
  readonly name: string;
  readonly description?: string;
  readonly routing: readonly AliasRoute[];
  /** Creation and last update times, ms. */
  readonly created: number;
  readonly updated: number;
}

/** What a version or alias ARN leads to when an execution starts: the machine's state and the version. */
export interface ResolvedVersion {
  readonly status: 'ACTIVE' | 'DELETING';
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly version: StoredVersion;
}

/**
 * How long executions may start on a machine as this process last read it. AWS's machine updates are
 * eventually consistent: "all StartExecution calls within a few seconds use the updated definition
 * and roleArn", and executions started at once may use the previous ones. A start then costs no
 * read of the machine, with its definition, from Redis.
 */
export const STARTING_MAX_AGE_MS = 1_000;

/** Machines whose last read is kept for starts, at most; the least recently read ones go first. */
const STARTING_KEPT = 1_000;

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
  /** Machines as last read for a start, by account and name, with when (`performance.now()`). */
  private readonly starting = new Map<
    string,
    { readonly machine: StoredStateMachine; readonly at: number }
  >();
  /** Changes this process made to machines: a read that a change overtook is not kept. */
  private changes = 0;

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

  /**
   * Reads a script reply. Conditions of the machine (NOT_FOUND, WRONG_STATE: being deleted, EXISTS
   * for a machine, unless `item` is an alias) name it; those of a version or alias inside it (`item`)
   * are the item's: NO_SUCH_ITEM becomes the item's NOT_FOUND, LIMIT_EXCEEDED its quota, EXISTS an
   * alias that differs, STALE another revision current (detail: that revision).
   */
  private check<T>(ref: StateMachineRef, reply: T, item?: typeof VERSION | typeof ALIAS): T {
    try {
      return checkReply(STATE_MACHINE, reply);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      if (e.code === 'NOT_FOUND' || e.code === 'WRONG_STATE' || (e.code === 'EXISTS' && item !== ALIAS))
        throw new StoreError(STATE_MACHINE, e.code, stateMachineArn(ref));
      if (e.code === 'NO_SUCH_ITEM') throw new StoreError(item ?? VERSION, 'NOT_FOUND', e.detail);
      throw new StoreError(item ?? STATE_MACHINE, e.code, e.detail);
    }
  }

  /** State machines the account owns, for the quota. */
  async count(accountId: string): Promise<number> {
    return this.redis.zcard(this.keys.stateMachineIndex(accountId));
  }

  /**
   * Creates a state machine, or answers the existing one's creation time when its identity matches.
   * With `publish`, a new machine gets version 1 at once (`version`); publish and its description
   * are part of the identity, as AWS compares them. `definitionSha` is the hash the definition is
   * kept under. Throws StoreError EXISTS when a machine of that name differs.
   */
  async create(
    ref: StateMachineRef,
    identity: StateMachineIdentity,
    roleArn: string,
    tags: Record<string, string>,
    now: number,
    definitionSha: string,
    publish?: { readonly description?: string },
  ): Promise<{ created: boolean; creationDate: number; version?: string }> {
    const k = this.keysOf(ref);
    const compared = [
      ...IDENTITY_FIELDS.flatMap((f) => [f, identity[f]]),
      'publishedOnCreation',
      publish ? 'true' : '',
      'versionDescriptionOnCreation',
      publish?.description ?? '',
    ];
    const stored = ['roleArn', roleArn, 'created', String(now), 'definitionSha', definitionSha];
    const [flag, created, version] = this.check(
      ref,
      await this.changing(ref, () =>
        this.scripts.run<[number, string, string]>(
          'create-state-machine',
          [k.meta, k.tags, k.versions, k.versionRecords],
          [
            publish ? '1' : '0',
            publish?.description !== undefined ? '1' : '0',
            publish?.description ?? '',
            MAX_VERSIONS,
            compared.length / 2,
            ...compared,
            stored.length / 2,
            ...stored,
            ...Object.entries(tags).flat(),
          ],
        ),
      ),
      VERSION,
    );
    // The index lives on the account's slot; CreateStateMachine is idempotent, so a retry repairs it.
    await this.redis.zadd(this.keys.stateMachineIndex(ref.accountId), 0, ref.name);
    return { created: flag === 1, creationDate: Number(created), version: version || undefined };
  }

  /**
   * A state machine as executions start on it: as `get` read it here within the last
   * STARTING_MAX_AGE_MS, or read now. What this process changes of a machine is seen at once; what
   * another gateway changes, within that time. StoreError NOT_FOUND (never kept).
   */
  async forStarting(ref: StateMachineRef): Promise<StoredStateMachine> {
    const key = machineMember(ref);
    const kept = this.starting.get(key);
    if (kept && performance.now() - kept.at < STARTING_MAX_AGE_MS) return kept.machine;
    const changesBefore = this.changes;
    const machine = await this.get(ref);
    if (this.changes !== changesBefore) return machine;
    this.starting.delete(key);
    this.starting.set(key, { machine, at: performance.now() });
    if (this.starting.size > STARTING_KEPT) this.starting.delete(this.starting.keys().next().value!);
    return machine;
  }

  /**
   * Makes a change to a machine, forgetting what starts kept of it before and after: a read for a
   * start that the change overlapped is not kept.
   */
  private async changing<T>(ref: StateMachineRef, write: () => Promise<T>): Promise<T> {
    this.changes++;
    this.starting.delete(machineMember(ref));
    try {
      return await write();
    } finally {
      this.changes++;
      this.starting.delete(machineMember(ref));
    }
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
      definitionSha: h.definitionSha,
      status: h.status === 'DELETING' ? 'DELETING' : 'ACTIVE',
    };
  }

  /**
   * Changes the given settings of a machine: a new revision (`revisionId`) when any differs from
   * what is stored, none when all are as they were. With `publish`, then publishes the current
   * revision (or answers the version published from it already). Answers the current revision
   * (undefined for a machine's first) and the version. StoreError NOT_FOUND when there is no such
   * machine, WRONG_STATE when it is being deleted, and the version's LIMIT_EXCEEDED past its quota.
   */
  async update(
    ref: StateMachineRef,
    fields: Record<string, string>,
    revisionId: string,
    now: number,
    publish?: { readonly description?: string },
  ): Promise<{ revisionId?: string; version?: string }> {
    const k = this.keysOf(ref);
    const [revision, version] = this.check(
      ref,
      await this.changing(ref, () =>
        this.scripts.run<[string, string]>(
          'update-state-machine',
          [k.meta, k.versions, k.versionRecords],
          [
            revisionId,
            now,
            publish ? '1' : '0',
            publish?.description !== undefined ? '1' : '0',
            publish?.description ?? '',
            MAX_VERSIONS,
            ...Object.entries(fields).flat(),
          ],
        ),
      ),
      VERSION,
    );
    return { revisionId: revision || undefined, version: version || undefined };
  }

  /**
   * Publishes the machine's current revision as a version, or answers the version published from it
   * already (`published` false). `revision` is the revision the caller expects ('INITIAL' for a
   * machine's first). StoreError NOT_FOUND, WRONG_STATE (being deleted), the version's STALE
   * (detail: the current revision) or LIMIT_EXCEEDED.
   */
  async publish(
    ref: StateMachineRef,
    revision: string | undefined,
    description: string | undefined,
    now: number,
  ): Promise<{ published: boolean; version: string; created: number }> {
    const k = this.keysOf(ref);
    const [flag, version, created] = this.check(
      ref,
      await this.scripts.run<[number, string, string]>(
        'publish-state-machine-version',
        [k.meta, k.versions, k.versionRecords],
        [revision ?? '', description !== undefined ? '1' : '0', description ?? '', now, MAX_VERSIONS],
      ),
      VERSION,
    );
    return { published: flag === 1, version, created: Number(created) };
  }

  /** Numbers of the machine's versions below `before` (all when undefined), newest first, at most `limit`. */
  async versionNumbers(ref: StateMachineRef, before: string | undefined, limit: number): Promise<string[]> {
    return this.redis.zrevrangebyscore(
      this.keysOf(ref).versions,
      before === undefined ? '+inf' : `(${before}`,
      '-inf',
      'LIMIT',
      0,
      limit,
    );
  }

  /** The versions of those numbers (undefined for one that does not exist). */
  async versions(ref: StateMachineRef, numbers: readonly string[]): Promise<(StoredVersion | undefined)[]> {
    if (numbers.length === 0) return [];
    const records = await this.redis.hmget(this.keysOf(ref).versionRecords, ...numbers);
    return records.map((r, i) => (r === null ? undefined : versionOf(numbers[i], r)));
  }

  /**
   * Deletes a version no alias routes to; one that does not exist is no error. StoreError (version)
   * WRONG_STATE with the routing aliases' names, one a line, when some do.
   */
  async deleteVersion(ref: StateMachineRef, version: string): Promise<void> {
    const k = this.keysOf(ref);
    checkReply(
      VERSION,
      await this.scripts.run<number>(
        'delete-state-machine-version',
        [k.meta, k.versions, k.versionRecords, k.aliases],
        [version],
      ),
    );
  }

  /**
   * The version a version number or an alias leads to, with the machine's status and type; an alias
   * picks one of its versions by their weights with `roll` (0 ≤ roll < 100). StoreError NOT_FOUND
   * (machine), or the version's or alias's NOT_FOUND.
   */
  async resolveVersion(
    ref: StateMachineRef,
    target: { readonly version: string } | { readonly alias: string },
    roll: number,
  ): Promise<ResolvedVersion> {
    const k = this.keysOf(ref);
    const byAlias = 'alias' in target;
    const [status, type, version, record] = this.check(
      ref,
      await this.scripts.run<[string, string, string, string]>(
        'resolve-state-machine-version',
        [k.meta, k.versionRecords, k.aliases],
        [byAlias ? 'alias' : 'version', byAlias ? target.alias : target.version, roll],
      ),
      byAlias ? ALIAS : VERSION,
    );
    return {
      status: status === 'DELETING' ? 'DELETING' : 'ACTIVE',
      type: type as ResolvedVersion['type'],
      version: versionOf(version, record),
    };
  }

  /**
   * Creates an alias, or answers the one of that name when its description and routing are the same
   * (`created` false). StoreError NOT_FOUND, WRONG_STATE (being deleted), the version's NOT_FOUND
   * (detail: its number), the alias's EXISTS (it differs) or LIMIT_EXCEEDED.
   */
  async createAlias(
    ref: StateMachineRef,
    name: string,
    settings: { readonly description?: string; readonly routing: readonly AliasRoute[] },
    now: number,
  ): Promise<{ created: boolean; creationDate: number }> {
    const k = this.keysOf(ref);
    const [flag, created] = this.check(
      ref,
      await this.scripts.run<[number, string]>(
        'create-state-machine-alias',
        [k.meta, k.versionRecords, k.aliases],
        [
          name,
          settings.description !== undefined ? '1' : '0',
          settings.description ?? '',
          now,
          MAX_ALIASES,
          ...settings.routing.flatMap((r) => [r.version, r.weight]),
        ],
      ),
      ALIAS,
    );
    return { created: flag === 1, creationDate: Number(created) };
  }

  /**
   * Changes an alias's description or routing (those given); answers its update time, unchanged when
   * the settings were already so. StoreError: the alias's or a version's NOT_FOUND, WRONG_STATE.
   */
  async updateAlias(
    ref: StateMachineRef,
    name: string,
    change: { readonly description?: string; readonly routing?: readonly AliasRoute[] },
    now: number,
  ): Promise<number> {
    const k = this.keysOf(ref);
    const [, updated] = this.check(
      ref,
      await this.scripts.run<[number, string]>(
        'update-state-machine-alias',
        [k.meta, k.versionRecords, k.aliases],
        [
          name,
          now,
          change.description !== undefined ? '1' : '0',
          change.description ?? '',
          ...(change.routing ?? []).flatMap((r) => [r.version, r.weight]),
        ],
      ),
      ALIAS,
    );
    return Number(updated);
  }

  /** Deletes an alias; one that does not exist is no error. */
  async deleteAlias(ref: StateMachineRef, name: string): Promise<void> {
    await this.redis.hdel(this.keysOf(ref).aliases, name);
  }

  /** An alias, or undefined when there is no such alias. */
  async alias(ref: StateMachineRef, name: string): Promise<StoredAlias | undefined> {
    const record = await this.redis.hget(this.keysOf(ref).aliases, name);
    return record === null ? undefined : aliasOf(name, record);
  }

  /** Every alias of the machine (at most 100), in name order. */
  async aliases(ref: StateMachineRef): Promise<StoredAlias[]> {
    const all = await this.redis.hgetall(this.keysOf(ref).aliases);
    return Object.keys(all)
      .sort()
      .map((name) => aliasOf(name, all[name]));
  }

  /**
   * Marks a machine DELETING and lists it for the executors, which end its running executions and
   * then delete it; a machine that does not exist is no error.
   */
  async markDeleting(ref: StateMachineRef): Promise<void> {
    const k = this.keysOf(ref);
    await this.changing(ref, async () => {
      if (!(await this.redis.hexists(k.meta, 'created'))) return;
      await this.redis.hset(k.meta, 'status', 'DELETING');
      await this.redis.sadd(this.keys.stateMachinesDeleting(), machineMember(ref));
    });
  }

  /** Machines marked DELETING. */
  async deleting(): Promise<StateMachineRef[]> {
    const members = await this.redis.smembers(this.keys.stateMachinesDeleting());
    return members.map((m) => {
      const cut = m.indexOf('\n');
      return { accountId: m.slice(0, cut), region: this.options.region, name: m.slice(cut + 1) };
    });
  }

  /** Deletes a machine, its tags, versions and aliases for good (its executions stay describable). */
  async delete(ref: StateMachineRef): Promise<void> {
    const k = this.keysOf(ref);
    await this.changing(ref, () => this.redis.del(k.meta, k.tags, k.versions, k.versionRecords, k.aliases));
    await this.redis.zrem(this.keys.stateMachineIndex(ref.accountId), ref.name);
    await this.redis.srem(this.keys.stateMachinesDeleting(), machineMember(ref));
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

/** A version from its stored record. */
function versionOf(version: string, record: string): StoredVersion {
  const r = JSON.parse(record) as Record<string, string>;
  return {
    version,
    definitionSha: r.definitionSha,
    roleArn: r.roleArn,
    type: r.type as StoredVersion['type'],
    loggingConfiguration: r.loggingConfiguration ?? '',
    tracingConfiguration: r.tracingConfiguration ?? '',
    encryptionConfiguration: r.encryptionConfiguration ?? '',
    ...(r.revisionId !== undefined ? { revisionId: r.revisionId } : {}),
    ...(r.description !== undefined ? { description: r.description } : {}),
    created: Number(r.created),
  };
}

/** An alias from its stored record. */
function aliasOf(name: string, record: string): StoredAlias {
  const r = JSON.parse(record) as {
    description?: string;
    routing: { version: string; weight: number }[];
    created: string;
    updated: string;
  };
  return {
    name,
    ...(r.description !== undefined ? { description: r.description } : {}),
    routing: r.routing.map((x) => ({ version: String(x.version), weight: Number(x.weight) })),
    created: Number(r.created),
    updated: Number(r.updated),
  };
}

/** A machine as one string (its account and name): its member of the DELETING set, its key among those kept for starts. */
function machineMember(ref: StateMachineRef): string {
  return `${ref.accountId}\n${ref.name}`;
}
