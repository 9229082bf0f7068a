export * from './redis-keys';
export * from './redis-connection';
export * from './lua-scripts';
export * from './embedded-redis';
export * from './redis.module';
