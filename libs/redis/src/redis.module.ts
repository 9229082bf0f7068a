import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { connectRedis, type RedisClient } from './redis-connection';
import { RedisKeys } from './redis-keys';

/** Injection token of the shared Redis connection. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export interface RedisModuleOptions {
  readonly url: string;
  /** First segment of every key; tests give each run its own. */
  readonly keyPrefix: string;
}

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** Provides the Redis connection and the key builder to every feature module. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(options: RedisModuleOptions): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS_CLIENT, useFactory: () => connectRedis(options.url) },
        { provide: RedisKeys, useValue: new RedisKeys(options.keyPrefix) },
        RedisLifecycle,
      ],
      exports: [REDIS_CLIENT, RedisKeys],
    };
  }
}
