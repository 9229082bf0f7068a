export { QueuesModule, QueueCoreModule } from './queues.module';
export { QueueWorkersModule } from './worker/queue-workers.module';
export { type QueuesOptions } from './queues.options';
export { loadQueuesConfig, QUEUES_SETTINGS } from './queues.config';
// The in-process face of the queue service, for topic deliveries and workflow tasks.
export { QueueSender, type SendResult } from './domain/queue-sender';
export { InvalidMessage } from './domain/invalid-message';
export type { MessageToSend } from './domain/outgoing-message';
export { QUEUE } from './store/queue.store';
// Parks long polls on a Redis pub/sub channel; GetActivityTask waits with it too.
export { LongPollWaiter } from './api/long-poll.waiter';
