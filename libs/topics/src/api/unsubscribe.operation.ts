import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseSubscriptionArn } from '../domain/subscription';
import { effectiveHttpPolicy } from '../domain/delivery-policy';
import { HttpDeliveryQueue } from '../domain/http-delivery-queue';
import { SubscriptionStore } from '../store/subscription.store';
import type { SnsOperation } from './sns-operation';

/**
 * Unsubscribe: removes the subscription (one that does not exist is no error, as on AWS); a confirmed
 * HTTP/S endpoint then gets an UnsubscribeConfirmation.
 */
@Injectable()
export class UnsubscribeOperation implements SnsOperation<'Unsubscribe'> {
  readonly name = 'Unsubscribe';

  constructor(
    private readonly store: SubscriptionStore,
    private readonly deliveries: HttpDeliveryQueue,
  ) {}

  async handle(input: Sns.UnsubscribeInput) {
    const ref = parseSubscriptionArn(input.SubscriptionArn);
    const removed = await this.store.unsubscribe(ref);
    // A confirmed HTTP/S endpoint is told, as AWS tells it, with an UnsubscribeConfirmation.
    if (removed && removed.pending === 0 && (removed.protocol === 'http' || removed.protocol === 'https'))
      await this.deliveries.enqueue([
        {
          accountId: ref.topic.accountId,
          topicName: ref.topic.name,
          subscriptionId: ref.id,
          type: 'UnsubscribeConfirmation',
          token: randomBytes(64).toString('hex'),
          endpoint: removed.endpoint,
          policy: effectiveHttpPolicy(undefined, removed.attributes.DeliveryPolicy),
        },
      ]);
    return undefined;
  }
}
