import { join } from 'node:path';
import { Inject } from '@nestjs/common';
import { LuaScripts, REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';

/** What the event stores share: the connection, the key builder, and the scripts of `lua/`. */
export abstract class EventStore {
  protected readonly scripts: LuaScripts;

  constructor(
    @Inject(REDIS_CLIENT) protected readonly redis: RedisClient,
    protected readonly keys: RedisKeys,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }
}
