import { type DynamicModule, Module } from '@nestjs/common';
import { JobsModule } from '@switchyard/jobs';
import { QueueInspection } from '../domain/queue-inspection';
import { QueueCoreModule } from '../queues.module';
import type { QueuesOptions } from '../queues.options';
import { MessageMoveWorker } from './message-move.worker';
import { QueueGauges } from './queue-gauges';
import { QueueMaintenanceWorker } from './queue-maintenance.worker';

/**
 * The queue service's background work, mounted by the executor (and the all-in-one server), and the
 * per-queue gauges, which only these processes report.
 */
@Module({})
export class QueueWorkersModule {
  static forRoot(options: QueuesOptions): DynamicModule {
    return {
      module: QueueWorkersModule,
      imports: [QueueCoreModule.forRoot(options), JobsModule],
      providers: [QueueMaintenanceWorker, MessageMoveWorker, QueueGauges, QueueInspection],
      exports: [QueueMaintenanceWorker, MessageMoveWorker],
    };
  }
}
