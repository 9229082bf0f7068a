import { Injectable } from '@nestjs/common';
import { SubscriptionStore } from '../store/subscription.store';
import { TopicStore } from '../store/topic.store';
import { subscriptionArn } from './subscription';
import type { TopicRef } from './topic-ref';

/** How a subscription's deliveries failed for good: in all, and of those how many went to its dead-letter queue. */
export interface DeliveryFailures {
  readonly failed: number;
  readonly deadLettered: number;
}

/** Reading topics without changing them, for the console. */
@Injectable()
export class TopicInspection {
  constructor(
    private readonly topics: TopicStore,
    private readonly subscriptions: SubscriptionStore,
  ) {}

  /**
   * Every subscription of a topic (by ARN) with its notifications that failed for good, dropped or
   * dead-lettered (`DeadLetters` counts them). StoreError topic NOT_FOUND for a topic that does not exist.
   */
  async deliveryFailures(topic: TopicRef): Promise<Record<string, DeliveryFailures>> {
    await this.topics.get(topic);
    const [subscriptions, counters] = await Promise.all([
      this.subscriptions.listByTopic(topic),
      this.subscriptions.deliveryFailures(topic),
    ]);
    const out: Record<string, DeliveryFailures> = {};
    for (const id of [...subscriptions.keys()].sort())
      out[subscriptionArn({ topic, id })] = counters.get(id) ?? { failed: 0, deadLettered: 0 };
    return out;
  }
}
