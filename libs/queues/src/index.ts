export { QueuesModule, QueueCoreModule } from './queues.module';
export { QueueWorkersModule } from './worker/queue-workers.module';
export { QueueMaintenanceWorker } from './worker/queue-maintenance.worker';
export { QUEUES_OPTIONS, type QueuesOptions } from './queues.options';
export { QueueStore, type QueueRef } from './store/queue.store';
export { QueueDirectory } from './api/queue-directory';
export { SQS_OPERATIONS } from './api/sqs.service';
export { DeadLetterMover } from './api/dead-letter.mover';
export { Clock, SystemClock } from './clock';
