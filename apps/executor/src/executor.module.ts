import { type DynamicModule, Module } from '@nestjs/common';
import { QueueWorkersModule } from '@switchyard/queues';
import { RedisModule } from '@switchyard/redis';
import { HealthModule, type RuntimeConfig } from '@switchyard/runtime';

/** Background work: retention sweeps, dead-letter moves left by crashed gateways, message-move tasks. */
@Module({})
export class ExecutorModule {
  static forRoot(config: RuntimeConfig & { redisUrl: string }): DynamicModule {
    return {
      module: ExecutorModule,
      imports: [
        RedisModule.forRoot({ url: config.redisUrl, keyPrefix: config.keyPrefix }),
        HealthModule,
        QueueWorkersModule.forRoot({
          publicUrl: config.publicUrl,
          region: config.region,
          deleteCooldownSeconds: config.queueDeleteCooldownSeconds,
        }),
      ],
    };
  }
}
