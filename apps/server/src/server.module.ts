import { type DynamicModule, Module } from '@nestjs/common';
import { ConsoleModule } from '@switchyard/console-api';
import { EventsModule, EventWorkersModule } from '@switchyard/events';
import { QueuesModule, QueueWorkersModule } from '@switchyard/queues';
import { CoreModule } from '@switchyard/runtime';
import { TopicsModule, TopicWorkersModule } from '@switchyard/topics';
import { WorkflowsModule, WorkflowWorkersModule } from '@switchyard/workflows';
import type { ServerConfig } from './server.config';

/** Every Switchyard module in one process: the gateways' APIs and the executor's background work. */
@Module({})
export class ServerModule {
  static forRoot(config: ServerConfig & { redisUrl: string }): DynamicModule {
    return {
      module: ServerModule,
      imports: [
        CoreModule.forRoot(config),
        ConsoleModule.forRoot(config),
        QueuesModule.forRoot(config.queues),
        QueueWorkersModule.forRoot(config.queues),
        TopicsModule.forRoot(config.topics),
        TopicWorkersModule.forRoot({
          topics: config.topics,
          queues: config.queues,
          functions: config.functions,
        }),
        WorkflowsModule.forRoot({
          workflows: config.workflows,
          functions: config.functions,
          events: config.events,
        }),
        WorkflowWorkersModule.forRoot({
          workflows: config.workflows,
          functions: config.functions,
          events: config.events,
        }),
        EventsModule.forRoot(config.events),
        EventWorkersModule.forRoot(config.events),
      ],
    };
  }
}
