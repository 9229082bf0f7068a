import { Injectable } from '@nestjs/common';
import type { OperationContext, Sns } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { subscriptionArn } from '../domain/subscription';
import { parseTopicArn } from '../domain/topic-ref';
import { SubscriptionStore } from '../store/subscription.store';
import type { SnsOperation } from './sns-operation';

/** ConfirmSubscription: the token sent to a pending endpoint confirms its subscription (again, harmlessly). */
@Injectable()
export class ConfirmSubscriptionOperation implements SnsOperation<'ConfirmSubscription'> {
  readonly name = 'ConfirmSubscription';

  constructor(
    private readonly store: SubscriptionStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sns.ConfirmSubscriptionInput, ctx: OperationContext) {
    const topic = parseTopicArn(input.TopicArn);
    // A signed ConfirmSubscription authenticates the confirmation; a visit to the SubscribeURL does not.
    const authenticated = ctx.accessKeyId !== undefined;
    const id = await this.store.confirm(topic, input.Token, this.clock.now(), authenticated);
    return { SubscriptionArn: subscriptionArn({ topic, id }) };
  }
}
