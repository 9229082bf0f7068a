import { type DynamicModule, Module } from '@nestjs/common';
import { EventsModule, EventWorkersModule } from '@switchyard/events';
import { QueuesModule, QueueWorkersModule } from '@switchyard/queues';
import { CoreModule } from '@switchyard/runtime';
import { TopicsModule, TopicWorkersModule } from '@switchyard/topics';
import { WorkflowsModule, WorkflowWorkersModule } from '@switchyard/workflows';
import type { ExecutorConfig } from './executor.config';

/**
 * Background work: retention sweeps, dead-letter moves left by crashed gateways, message-move tasks,
 * the fan-out of published messages to their subscriptions, and Standard workflow executions. The
 * service APIs are mounted too, but not served: workflow tasks call them in-process
 * (`AwsRouter.call`), as they would call AWS.
 */
@Module({})
export class ExecutorModule {
  static forRoot(config: ExecutorConfig & { redisUrl: string }): DynamicModule {
    return {
      module: ExecutorModule,
      imports: [
        CoreModule.forRoot(config, { serves: [] }),
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
