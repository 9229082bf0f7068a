import { type DynamicModule, Module } from '@nestjs/common';
import { QueueWorkersModule } from '@switchyard/queues';
import { CoreModule } from '@switchyard/runtime';
import { TopicWorkersModule } from '@switchyard/topics';
import { WorkflowWorkersModule } from '@switchyard/workflows';
import type { ExecutorConfig } from './executor.config';

/**
 * Background work: retention sweeps, dead-letter moves left by crashed gateways, message-move tasks,
 * the fan-out of published messages to their subscriptions, and Standard workflow executions.
 */
@Module({})
export class ExecutorModule {
  static forRoot(config: ExecutorConfig & { redisUrl: string }): DynamicModule {
    return {
      module: ExecutorModule,
      imports: [
        CoreModule.forRoot(config, { awsApi: false }),
        QueueWorkersModule.forRoot(config.queues),
        TopicWorkersModule.forRoot({
          topics: config.topics,
          queues: config.queues,
          functions: config.functions,
        }),
        WorkflowWorkersModule.forRoot({ workflows: config.workflows, functions: config.functions }),
      ],
    };
  }
}
