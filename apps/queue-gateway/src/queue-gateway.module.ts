import { type DynamicModule, Module } from '@nestjs/common';
import { ConsoleModule } from '@switchyard/console-api';
import { QueuesModule } from '@switchyard/queues';
import { CoreModule } from '@switchyard/runtime';
import type { QueueGatewayConfig } from './queue-gateway.config';

/** The SQS API alone; stateless, so it scales by replicas behind a load balancer. */
@Module({})
export class QueueGatewayModule {
  static forRoot(config: QueueGatewayConfig & { redisUrl: string }): DynamicModule {
    return {
      module: QueueGatewayModule,
      imports: [
        CoreModule.forRoot(config),
        ConsoleModule.forRoot(config),
        QueuesModule.forRoot(config.queues),
      ],
    };
  }
}
