import { type DynamicModule, Module } from '@nestjs/common';
import { QueueWorkersModule } from '@switchyard/queues';
import { CoreModule } from '@switchyard/runtime';
import { TopicWorkersModule } from '@switchyard/topics';
import type { ExecutorConfig } from './executor.config';

/**
 * Background work: retention sweeps, dead-letter moves left by crashed gateways, message-move tasks,
 * and the fan-out of published messages to their subscriptions.
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
      ],
    };
  }
}
