import { Injectable, Logger } from '@nestjs/common';
import { InvalidMessage, type MessageToSend, QueueSender } from '@switchyard/queues';
import { StoreError } from '@switchyard/redis';
import type { StoredSubscription, SubscriptionRef } from '../domain/subscription';
import { TopicMetrics } from '../domain/topic-metrics';
import { SubscriptionStore } from '../store/subscription.store';

/** The sender SQS reports for messages SNS delivers (SenderId). */
export const SNS_SENDER_ID = 'AIDAIT2UOQQY3AUEKVGXU';

/**
 * Where a delivery goes when its subscription cannot take it (retries exhausted, or a client-side
 * failure): the queue the subscription's RedrivePolicy names, as it would have been delivered; with
 * none, or when that queue refuses it too, it is dropped, logged and counted. Either way the
 * notification counts as failed for its topic (a metric) and for its subscription (a counter in Redis
 * the console reads, with how many went to the dead-letter queue).
 */
@Injectable()
export class DeadLetters {
  private readonly log = new Logger('SnsDeadLetters');
  /** Deliveries dropped since the process started. */
  dropped = 0;

  constructor(
    private readonly sender: QueueSender,
    private readonly metrics: TopicMetrics,
    private readonly subscriptions: SubscriptionStore,
  ) {}

  async handle(
    ref: SubscriptionRef,
    sub: StoredSubscription,
    message: MessageToSend | undefined,
    what: string,
    reason: string,
  ): Promise<void> {
    this.metrics.notificationsFailed(ref.topic, 1);
    const target = deadLetterTarget(sub);
    if (target && message) {
      try {
        const [result] = await this.sender.send(target, [message], SNS_SENDER_ID);
        if (!(result instanceof InvalidMessage)) return await this.count(ref, true);
      } catch (e) {
        if (!(e instanceof StoreError)) throw e;
      }
    }
    this.dropped++;
    this.log.warn(`dropped ${what} for ${sub.endpoint}: ${reason}`);
    await this.count(ref, false);
  }

  /** The console's counters; a failure to count must not make the delivery be tried again. */
  private async count(ref: SubscriptionRef, deadLettered: boolean): Promise<void> {
    try {
      await this.subscriptions.countDeliveryFailure(ref, deadLettered);
    } catch (e) {
      this.log.warn(`delivery failure of subscription ${ref.id} not counted: ${(e as Error).message}`);
    }
  }
}

/** The queue a subscription's RedrivePolicy names, if any. */
function deadLetterTarget(sub: StoredSubscription): string | undefined {
  if (!sub.attributes.RedrivePolicy) return undefined;
  try {
    const target = (JSON.parse(sub.attributes.RedrivePolicy) as { deadLetterTargetArn?: unknown })
      .deadLetterTargetArn;
    return typeof target === 'string' ? target : undefined;
  } catch {
    return undefined;
  }
}
