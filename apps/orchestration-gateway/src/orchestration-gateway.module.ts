import { type DynamicModule, Module } from '@nestjs/common';
import { ConsoleModule } from '@switchyard/console-api';
import { EventsModule } from '@switchyard/events';
import { QueuesModule } from '@switchyard/queues';
import { CoreModule } from '@switchyard/runtime';
import { TopicsModule } from '@switchyard/topics';
import { WorkflowsModule } from '@switchyard/workflows';
import type { OrchestrationGatewayConfig } from './orchestration-gateway.config';

/**
 * The Step Functions API, and the EventBridge API its workflows use (rules, connections); Express
 * executions in-process; stateless, so it scales by replicas.
 * The SQS and SNS APIs are mounted but not served: Express tasks call them in-process (and HTTP
 * Tasks authorize their calls with EventBridge connections).
 */
@Module({})
export class OrchestrationGatewayModule {
  static forRoot(config: OrchestrationGatewayConfig & { redisUrl: string }): DynamicModule {
    return {
      module: OrchestrationGatewayModule,
      imports: [
        CoreModule.forRoot(config, { serves: ['states', 'events'] }),
        ConsoleModule.forRoot(config),
        WorkflowsModule.forRoot({
          workflows: config.workflows,
          functions: config.functions,
          events: config.events,
        }),
        EventsModule.forRoot(config.events),
        QueuesModule.forRoot(config.queues),
        TopicsModule.forRoot(config.topics),
      ],
    };
  }
}
