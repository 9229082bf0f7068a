import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseSubscriptionArn } from '../domain/subscription';
import { SubscriptionStore } from '../store/subscription.store';
import type { SnsOperation } from './sns-operation';

/** Unsubscribe: removes the subscription; one that does not exist is no error, as on AWS. */
@Injectable()
export class UnsubscribeOperation implements SnsOperation<'Unsubscribe'> {
  readonly name = 'Unsubscribe';

  constructor(private readonly store: SubscriptionStore) {}

  async handle(input: Sns.UnsubscribeInput) {
    await this.store.unsubscribe(parseSubscriptionArn(input.SubscriptionArn));
    return undefined;
  }
}
