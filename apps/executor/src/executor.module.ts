import { type DynamicModule, Module } from '@nestjs/common';
import { QueueWorkersModule } from '@switchyard/queues';
import { CoreModule } from '@switchyard/runtime';
import type { ExecutorConfig } from './executor.config';

/** Background work: retention sweeps, dead-letter moves left by crashed gateways, message-move tasks. */
@Module({})
export class ExecutorModule {
  static forRoot(config: ExecutorConfig & { redisUrl: string }): DynamicModule {
    return {
      module: ExecutorModule,
      imports: [CoreModule.forRoot(config, { awsApi: false }), QueueWorkersModule.forRoot(config.queues)],
    };
  }
}
