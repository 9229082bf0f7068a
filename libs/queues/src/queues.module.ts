import { type DynamicModule, Module } from '@nestjs/common';
import { DeadLetterMover } from './api/dead-letter.mover';
import { LongPollWaiter } from './api/long-poll.waiter';
import { QueueDirectory } from './api/queue-directory';
import { ReceiptHandles } from './api/receipt-handle';
import { RedrivePolicies } from './api/redrive-policies';
import { SQS_OPERATIONS, SqsService } from './api/sqs.service';
import { Clock, SystemClock } from './clock';
import { QUEUES_OPTIONS, type QueuesOptions } from './queues.options';
import { MoveTaskStore } from './store/move-task.store';
import { QueueStore } from './store/queue.store';
import { MessageMoveJobs } from './worker/message-move.jobs';

/** What both the API and the workers use: the store, names and URLs, the clock, dead-letter moves. */
@Module({})
export class QueueCoreModule {
  private static readonly instances = new WeakMap<QueuesOptions, DynamicModule>();

  /** One module per options object, so the API and the workers of one process share one store and clock. */
  static forRoot(options: QueuesOptions): DynamicModule {
    const existing = QueueCoreModule.instances.get(options);
    if (existing) return existing;
    const shared = [QueueStore, MoveTaskStore, QueueDirectory, DeadLetterMover, Clock, QUEUES_OPTIONS];
    const module: DynamicModule = {
      module: QueueCoreModule,
      providers: [
        { provide: QUEUES_OPTIONS, useValue: options },
        { provide: Clock, useClass: SystemClock },
        QueueStore,
        MoveTaskStore,
        QueueDirectory,
        DeadLetterMover,
      ],
      exports: shared,
    };
    QueueCoreModule.instances.set(options, module);
    return module;
  }
}

/** The SQS API (both protocols) over the Redis queue store. Needs RedisModule and AwsWireModule. */
@Module({})
export class QueuesModule {
  static forRoot(options: QueuesOptions): DynamicModule {
    return {
      module: QueuesModule,
      imports: [QueueCoreModule.forRoot(options)],
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
