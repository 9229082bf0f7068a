import { Inject, Injectable } from '@nestjs/common';
import type { OperationContext, Sns } from '@switchyard/aws-wire';
import {
  type StoredSubscription,
  type SubscriptionRef,
  subscriptionArn,
  topicArnOf,
} from '../domain/subscription';
import { SubscriptionStore } from '../store/subscription.store';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import { SNS_PAGE_SIZE, snsPage, snsPageStart } from './sns-pages';
import type { SnsOperation } from './sns-operation';

/** A subscription as the list operations show it: a pending one's ARN reads "PendingConfirmation". */
export function listedSubscription(ref: SubscriptionRef, sub: StoredSubscription): Sns.Subscription {
  return {
    SubscriptionArn: sub.pending === 1 ? 'PendingConfirmation' : subscriptionArn(ref),
    Owner: sub.owner,
    Protocol: sub.protocol,
    Endpoint: sub.endpoint,
    TopicArn: topicArnOf(ref),
  };
}

/** ListSubscriptions: the account's subscriptions across topics, 100 a page. */
@Injectable()
export class ListSubscriptionsOperation implements SnsOperation<'ListSubscriptions'> {
  readonly name = 'ListSubscriptions';

  constructor(
    private readonly store: SubscriptionStore,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  async handle(input: Sns.ListSubscriptionsInput, ctx: OperationContext) {
    const entries = await this.store.listAccountSubscriptions(
      ctx.accountId,
      snsPageStart(input.NextToken),
      SNS_PAGE_SIZE + 1,
    );
    const page = snsPage(entries, (entry) => entry.member);
    const refs = page.items.map((entry) => ({
      topic: { accountId: ctx.accountId, region: this.options.region, name: entry.topicName },
      id: entry.id,
    }));
    // An index entry whose subscription went with its topic is skipped.
    const subs = await Promise.all(refs.map((ref) => this.store.get(ref).catch(() => undefined)));
    return {
      Subscriptions: refs.flatMap((ref, i) => (subs[i] ? [listedSubscription(ref, subs[i])] : [])),
      NextToken: page.NextToken,
    };
  }
}
