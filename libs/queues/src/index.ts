export { QueuesModule, QueueCoreModule, QueueInspectionModule } from './queues.module';
export { QueueWorkersModule } from './worker/queue-workers.module';
export { type QueuesOptions } from './queues.options';
export { loadQueuesConfig, QUEUES_SETTINGS } from './queues.config';
// The in-process face of the queue service, for topic deliveries and workflow tasks.
export { QueueSender, SendRound, type SendResult } from './domain/queue-sender';
export { InvalidMessage } from './domain/invalid-message';
export type { MessageToSend } from './domain/outgoing-message';
export { QUEUE } from './store/queue.store';
// Parks long polls on a Redis pub/sub channel; GetActivityTask waits with it too.
export { LongPollWaiter } from './api/long-poll.waiter';
// Reading queues without changing them (counters, peeks), for the console.
export {
  QueueInspection,
  MAX_PEEK_EXAMINED,
  type InspectedMessage,
  type InspectedMessages,
  type QueueCounts,
} from './domain/queue-inspection';
export { QueueDirectory, isQueueName } from './domain/queue-directory';
export { isFifoQueue } from './store/queue.store';
