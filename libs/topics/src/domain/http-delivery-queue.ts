import { Injectable } from '@nestjs/common';
import { JobQueues } from '@switchyard/jobs';
import type { HttpDeliveryPolicy } from './delivery-policy';
import type { PublishedMessage } from './published-message';

/** The topic service's jobs live under this feature's prefix. */
export const TOPICS_JOBS = 'topics';
/** The queue of deliveries to HTTP/S and Lambda subscriptions, one job per message and subscription. */
export const ENDPOINT_DELIVERIES = 'endpoint-deliveries';

/** What one HTTP/S delivery job carries. */
export interface HttpDeliveryJob {
  readonly accountId: string;
  readonly topicName: string;
  readonly subscriptionId: string;
  readonly type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  /** Notification: the message. */
  readonly message?: PublishedMessage;
  /** SubscriptionConfirmation and UnsubscribeConfirmation: the token the message carries. */
  readonly token?: string;
  /** UnsubscribeConfirmation: the endpoint of the subscription that is gone by then. */
  readonly endpoint?: string;
  readonly policy: HttpDeliveryPolicy;
}

/**
 * Hands deliveries to HTTP/S endpoints to the executors as BullMQ jobs, durable in Redis: each has as
 * many attempts as its retry policy allows, its delays computed by the worker's backoff (the policy's
 * retry phases), so a pending retry survives the restart of any process.
 */
@Injectable()
export class HttpDeliveryQueue {
  constructor(private readonly jobs: JobQueues) {}

  async enqueue(deliveries: readonly HttpDeliveryJob[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.jobs.queue<HttpDeliveryJob>(TOPICS_JOBS, ENDPOINT_DELIVERIES).addBulk(
      deliveries.map((data) => ({
        name: data.type,
        data,
        opts: {
          attempts: data.policy.retry.numRetries + 1,
          backoff: { type: 'sns-retry-policy' },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      })),
    );
  }
}
