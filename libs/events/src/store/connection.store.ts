import { Injectable } from '@nestjs/common';
import type { Events } from '@switchyard/aws-wire';
import { checkReply, StoreError } from '@switchyard/redis';
import { EventStore } from './event-store';
import { named, namesInOrder } from './names-in-order';

/** The entity name of connection store errors (`StoreError.entity`); the detail is the connection's name. */
export const CONNECTION = 'connection';

/** A connection as stored, in clear: everything but its secrets. */
export interface StoredConnection {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly authorizationType: Events.ConnectionAuthorizationType;
  readonly state: Events.ConnectionState;
  readonly stateReason?: string;
  readonly createdAt: number;
  readonly modifiedAt: number;
  readonly authorizedAt?: number;
  /** The authorization parameters as DescribeConnection shows them: without secret values. */
  readonly publicParameters?: Events.ConnectionAuthResponseParameters;
  readonly kmsKeyIdentifier?: string;
}

/** A connection as read: its record, the revision changes are made from, and its sealed parameters. */
export interface ReadConnection {
  readonly record: StoredConnection;
  readonly revision: number;
  readonly sealed?: string;
}

/** How an update treats the sealed authorization parameters. */
export type SealedChange = { readonly keep: true } | { readonly drop: true } | { readonly set: string };

/** The only code that talks to Redis about connections. */
@Injectable()
export class ConnectionStore extends EventStore {
  /** Stores a new connection; StoreError EXISTS when one of the name exists. */
  async create(accountId: string, record: StoredConnection, sealed: string | undefined): Promise<void> {
    const reply = await this.scripts.run<number>(
      'create-connection',
      [this.keys.eventConnection(accountId, record.name)],
      [JSON.stringify(record), sealed ?? ''],
    );
    checkReply(CONNECTION, named(reply, record.name));
    // The index lives on the account's slot; a crash before this line leaves a connection that
    // ListConnections misses until it is deleted (DescribeConnection still finds it).
    await this.redis.zadd(this.keys.eventConnectionIndex(accountId), 0, record.name);
  }

  /** A connection; StoreError NOT_FOUND (detail: the name) when there is none. */
  async get(accountId: string, name: string): Promise<ReadConnection> {
    const [record, revision, sealed] = await this.redis.hmget(
      this.keys.eventConnection(accountId, name),
      'record',
      'revision',
      'sealed',
    );
    if (record === null) throw new StoreError(CONNECTION, 'NOT_FOUND', name);
    return {
      record: JSON.parse(record) as StoredConnection,
      revision: Number(revision),
      ...(sealed !== null ? { sealed } : {}),
    };
  }

  /**
   * Replaces a connection's record if it is still at `revision`: StoreError STALE when it changed
   * meanwhile, NOT_FOUND when it is gone.
   */
  async update(
    accountId: string,
    revision: number,
    record: StoredConnection,
    sealed: SealedChange,
  ): Promise<void> {
    const mode = 'set' in sealed ? 'set' : 'drop' in sealed ? 'drop' : 'keep';
    const reply = await this.scripts.run<number>(
      'update-connection',
      [this.keys.eventConnection(accountId, record.name)],
      [revision, JSON.stringify(record), mode, 'set' in sealed ? sealed.set : ''],
    );
    checkReply(CONNECTION, named(reply, record.name));
  }

  /** Deletes a connection and answers what it was; StoreError NOT_FOUND when there is none. */
  async delete(accountId: string, name: string): Promise<StoredConnection> {
    const reply = await this.scripts.run<string | number>(
      'delete-connection',
      [this.keys.eventConnection(accountId, name)],
      [],
    );
    if (typeof reply === 'number') checkReply(CONNECTION, named(reply, name));
    await this.redis.zrem(this.keys.eventConnectionIndex(accountId), name);
    return JSON.parse(reply as string) as StoredConnection;
  }

  /** Up to `limit` connections in name order, starting with `prefix` and after `after`. */
  async list(
    accountId: string,
    options: { prefix?: string; after?: string; limit: number },
  ): Promise<StoredConnection[]> {
    const names = await namesInOrder(this.redis, this.keys.eventConnectionIndex(accountId), options);
    const records = await Promise.all(
      names.map((name) => this.redis.hget(this.keys.eventConnection(accountId, name), 'record')),
    );
    return records.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as StoredConnection);
  }
}
