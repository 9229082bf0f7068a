export {
  RedisKeys,
  type ActivityKeys,
  type EventBusKeys,
  type EventFlowKeys,
  type EventRuleKeys,
  type ExecutionKeys,
  type MapRunKeys,
  type QueueKeys,
  type StateMachineKeys,
  type TopicKeys,
} from './redis-keys';
export { connectRedis, duplicateConnection, redactRedisUrl, type RedisClient } from './redis-connection';
export { isStoreUnavailable } from './store-unavailable';
export { countedFields, LuaScripts, type ScriptArg } from './lua-scripts';
export { checkReply, StoreCode, StoreError } from './store-error';
export { freePort } from './free-port';
export {
  durableRedisArgs,
  startEmbeddedRedis,
  type AppendFsync,
  type EmbeddedRedis,
  type EmbeddedRedisLog,
} from './embedded-redis';
export { REDIS_CLIENT, RedisModule } from './redis.module';
