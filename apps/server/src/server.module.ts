import { type DynamicModule, Module } from '@nestjs/common';
import { AwsWireModule } from '@switchyard/aws-wire';
import { QueuesModule, QueueWorkersModule } from '@switchyard/queues';
import { RedisModule } from '@switchyard/redis';
import { HealthModule, type RuntimeConfig } from '@switchyard/runtime';

/** Every Switchyard module in one process: the gateways' APIs and the executor's background work. */
@Module({})
export class ServerModule {
  static forRoot(config: RuntimeConfig & { redisUrl: string }): DynamicModule {
    const queues = {
      publicUrl: config.publicUrl,
      region: config.region,
      deleteCooldownSeconds: config.queueDeleteCooldownSeconds,
    };
    return {
      module: ServerModule,
      imports: [
        RedisModule.forRoot({ url: config.redisUrl, keyPrefix: config.keyPrefix }),
        AwsWireModule.forRoot({
          accountId: config.accountId,
          region: config.region,
          credentials: config.credentials,
        }),
        HealthModule,
        QueuesModule.forRoot(queues),
        QueueWorkersModule.forRoot(queues),
      ],
    };
  }
}
