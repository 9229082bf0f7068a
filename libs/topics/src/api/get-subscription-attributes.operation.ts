import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseSubscriptionArn } from '../domain/subscription';
import { SubscriptionStore } from '../store/subscription.store';
import type { SnsOperation } from './sns-operation';
import { subscriptionAttributes } from './subscription-attributes';

/** GetSubscriptionAttributes: what was set on the subscription over AWS's defaults. */
@Injectable()
export class GetSubscriptionAttributesOperation implements SnsOperation<'GetSubscriptionAttributes'> {
  readonly name = 'GetSubscriptionAttributes';

  constructor(private readonly store: SubscriptionStore) {}

  async handle(input: Sns.GetSubscriptionAttributesInput) {
    const ref = parseSubscriptionArn(input.SubscriptionArn);
    return { Attributes: subscriptionAttributes(ref, await this.store.get(ref)) };
  }
}
