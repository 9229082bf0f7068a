export { RedisKeys, type QueueKeys } from './redis-keys';
export { connectRedis, duplicateConnection, type RedisClient } from './redis-connection';
export { LuaScripts } from './lua-scripts';
export { checkReply, StoreCode, StoreError } from './store-error';
export { freePort, startEmbeddedRedis, type AppendFsync, type EmbeddedRedis } from './embedded-redis';
export { REDIS_CLIENT, RedisModule } from './redis.module';
