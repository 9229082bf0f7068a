import { type DynamicModule, Module } from '@nestjs/common';
import { AwsWireModule } from '@switchyard/aws-wire';
import { QueuesModule } from '@switchyard/queues';
import { RedisModule } from '@switchyard/redis';
import { HealthModule, type RuntimeConfig } from '@switchyard/runtime';

/** The SQS API alone; stateless, so it scales by replicas behind a load balancer. */
@Module({})
export class QueueGatewayModule {
  static forRoot(config: RuntimeConfig & { redisUrl: string }): DynamicModule {
    return {
      module: QueueGatewayModule,
      imports: [
        RedisModule.forRoot({ url: config.redisUrl, keyPrefix: config.keyPrefix }),
        AwsWireModule.forRoot({
          accountId: config.accountId,
          region: config.region,
          credentials: config.credentials,
        }),
        HealthModule,
        QueuesModule.forRoot({
          publicUrl: config.publicUrl,
          region: config.region,
          deleteCooldownSeconds: config.queueDeleteCooldownSeconds,
        }),
      ],
    };
  }
}
