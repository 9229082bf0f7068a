import { type DynamicModule, Module } from '@nestjs/common';
import { JobsModule } from '@switchyard/jobs';
import { LongPollWaiter } from './api/long-poll.waiter';
import { ReceiptHandles } from './api/receipt-handle';
import { RedrivePolicies } from './api/redrive-policies';
import { SQS_OPERATIONS, SqsService } from './api/sqs.service';
import { DeadLetterMover } from './domain/dead-letter.mover';
import { MessageMoveJobs } from './domain/message-move.jobs';
import { QueueDirectory } from './domain/queue-directory';
import { QueueInspection } from './domain/queue-inspection';
import { QueueMetrics } from './domain/queue-metrics';
import { QueueSender } from './domain/queue-sender';
import { loadQueuesConfig } from './queues.config';
import { QUEUES_OPTIONS, type QueuesOptions } from './queues.options';
import { MoveTaskStore } from './store/move-task.store';
import { QueueStore } from './store/queue.store';

/** What both the API and the workers use: the stores and the domain services (names and URLs, sends, dead-letter moves). */
@Module({})
export class QueueCoreModule {
  private static readonly instances = new WeakMap<QueuesOptions, DynamicModule>();

  /** One module per options object, so the API and the workers of one process share one store. */
  static forRoot(options: QueuesOptions): DynamicModule {
    const existing = QueueCoreModule.instances.get(options);
    if (existing) return existing;
    const services = [QueueStore, MoveTaskStore, QueueDirectory, QueueSender, QueueMetrics, DeadLetterMover];
    const module: DynamicModule = {
      module: QueueCoreModule,
      providers: [{ provide: QUEUES_OPTIONS, useValue: options }, ...services],
      exports: [...services, QUEUES_OPTIONS],
    };
    QueueCoreModule.instances.set(options, module);
    return module;
  }
}

/** The SQS API (both protocols) over the Redis queue store. Needs CoreModule with its AWS router. */
@Module({})
export class QueuesModule {
  static forRoot(options: QueuesOptions): DynamicModule {
    return {
      module: QueuesModule,
      imports: [QueueCoreModule.forRoot(options), JobsModule],
      providers: [
        RedrivePolicies,
        ReceiptHandles,
        LongPollWaiter,
        MessageMoveJobs,
        ...SQS_OPERATIONS,
        SqsService,
      ],
    };
  }
}

/**
 * Reading queues without changing them, for the console: counters, names, URLs and ARNs, and peeks.
 * Needs only Redis (CoreModule), so an app that does not serve SQS can mount it too.
 */
@Module({})
export class QueueInspectionModule {
  static forRoot(runtime: { readonly publicUrl: string; readonly region: string }): DynamicModule {
    return {
      module: QueueInspectionModule,
      providers: [
        { provide: QUEUES_OPTIONS, useValue: loadQueuesConfig({}, runtime) },
        QueueStore,
        QueueDirectory,
        QueueInspection,
      ],
      exports: [QueueDirectory, QueueInspection],
    };
  }
}
