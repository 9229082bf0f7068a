import { Injectable } from '@nestjs/common';
import { Metrics } from '@switchyard/runtime';
import type { Counter } from 'prom-client';
import type { QueueRef } from '../store/queue.store';

/**
 * SQS's CloudWatch counters per queue, counted by the process that did the work (Prometheus adds up
 * the replicas): messages stored by a send (SendMessage, SendMessageBatch, SNS deliveries, workflow
 * tasks; not dead-letter moves), messages handed out by ReceiveMessage, and messages DeleteMessage
 * and DeleteMessageBatch deleted.
 */
@Injectable()
export class QueueMetrics {
  private readonly sent: Counter<'queue'>;
  private readonly received: Counter<'queue'>;
  private readonly deleted: Counter<'queue'>;

  constructor(metrics: Metrics) {
    this.sent = metrics.counter(
      'switchyard_sqs_number_of_messages_sent_total',
      'Messages added to a queue (NumberOfMessagesSent).',
      ['queue'],
    );
    this.received = metrics.counter(
      'switchyard_sqs_number_of_messages_received_total',
      'Messages returned by ReceiveMessage (NumberOfMessagesReceived).',
      ['queue'],
    );
    this.deleted = metrics.counter(
      'switchyard_sqs_number_of_messages_deleted_total',
      'Messages deleted from a queue (NumberOfMessagesDeleted).',
      ['queue'],
    );
  }

  messagesSent(queue: QueueRef, count: number): void {
    if (count > 0) this.sent.inc({ queue: queue.name }, count);
  }

  messagesReceived(queue: QueueRef, count: number): void {
    if (count > 0) this.received.inc({ queue: queue.name }, count);
  }

  messagesDeleted(queue: QueueRef, count: number): void {
    if (count > 0) this.deleted.inc({ queue: queue.name }, count);
  }
}
