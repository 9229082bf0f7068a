import { Injectable } from '@nestjs/common';
import { Metrics } from '@switchyard/runtime';
import type { Counter } from 'prom-client';
import type { TopicRef } from './topic-ref';

/**
 * SNS's CloudWatch counters per topic, counted by the process that did the work (Prometheus adds up
 * the replicas): messages published (gateways), and notifications delivered, failed (retries spent
 * or refused: to the subscription's dead-letter queue, or dropped) and filtered out by a
 * subscription's filter policy (executors).
 */
@Injectable()
export class TopicMetrics {
  private readonly published: Counter<'topic'>;
  private readonly delivered: Counter<'topic'>;
  private readonly failed: Counter<'topic'>;
  private readonly filteredOut: Counter<'topic'>;

  constructor(metrics: Metrics) {
    this.published = metrics.counter(
      'switchyard_sns_number_of_messages_published_total',
      'Messages published to a topic (NumberOfMessagesPublished).',
      ['topic'],
    );
    this.delivered = metrics.counter(
      'switchyard_sns_number_of_notifications_delivered_total',
      'Notifications delivered to a subscription (NumberOfNotificationsDelivered).',
      ['topic'],
    );
    this.failed = metrics.counter(
      'switchyard_sns_number_of_notifications_failed_total',
      'Notifications that could not be delivered, retries spent (NumberOfNotificationsFailed).',
      ['topic'],
    );
    this.filteredOut = metrics.counter(
      'switchyard_sns_number_of_notifications_filtered_out_total',
      "Notifications a subscription's filter policy kept from it (NumberOfNotificationsFilteredOut).",
      ['topic'],
    );
  }

  messagesPublished(topic: TopicRef, count: number): void {
    if (count > 0) this.published.inc({ topic: topic.name }, count);
  }

  notificationsDelivered(topic: TopicRef, count: number): void {
    if (count > 0) this.delivered.inc({ topic: topic.name }, count);
  }

  notificationsFailed(topic: TopicRef, count: number): void {
    if (count > 0) this.failed.inc({ topic: topic.name }, count);
  }

  notificationsFilteredOut(topic: TopicRef, count: number): void {
    if (count > 0) this.filteredOut.inc({ topic: topic.name }, count);
  }
}
