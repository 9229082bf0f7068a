import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';

const KEY_BYTES = 32;

/**
 * The key that seals connection secrets: the configured one (SWITCHYARD_CONNECTION_KEY), or else the
 * deployment's own, made by the first process that needs it and kept in Redis so every process
 * uses the same. The latter keeps secrets out of plain sight only: whoever can read all of Redis can
 * open them.
 */
@Injectable()
export class ConnectionSealingKey {
  private key?: Promise<Buffer>;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  get(): Promise<Buffer> {
    if (this.options.connectionKey) return Promise.resolve(this.options.connectionKey);
    this.key ??= this.deploymentKey().catch((e) => {
      this.key = undefined;
      throw e;
    });
    return this.key;
  }

  private async deploymentKey(): Promise<Buffer> {
    const name = this.keys.connectionSealingKey();
    // The first process to store one wins; every other one uses it.
    await this.redis.set(name, randomBytes(KEY_BYTES).toString('base64'), 'NX');
    const stored = await this.redis.get(name);
    if (!stored) throw new Error('the connection sealing key could not be stored in Redis');
    return Buffer.from(stored, 'base64');
  }
}
