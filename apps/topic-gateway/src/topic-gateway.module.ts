import { type DynamicModule, Module } from '@nestjs/common';
import { ConsoleModule } from '@switchyard/console-api';
import { CoreModule } from '@switchyard/runtime';
import { TopicsModule } from '@switchyard/topics';
import type { TopicGatewayConfig } from './topic-gateway.config';

/** The SNS API alone; stateless, so it scales by replicas behind a load balancer. */
@Module({})
export class TopicGatewayModule {
  static forRoot(config: TopicGatewayConfig & { redisUrl: string }): DynamicModule {
    return {
      module: TopicGatewayModule,
      imports: [
        CoreModule.forRoot(config),
        ConsoleModule.forRoot(config),
        TopicsModule.forRoot(config.topics),
      ],
    };
  }
}
