import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { TopicStore } from '../store/topic.store';
import { SubscriptionStore } from '../store/subscription.store';
import { listedSubscription } from './list-subscriptions.operation';
import { snsPage, snsPageStart } from './sns-pages';
import type { SnsOperation } from './sns-operation';

/** ListSubscriptionsByTopic: one topic's subscriptions in id order, 100 a page. */
@Injectable()
export class ListSubscriptionsByTopicOperation implements SnsOperation<'ListSubscriptionsByTopic'> {
  readonly name = 'ListSubscriptionsByTopic';

  constructor(
    private readonly topics: TopicStore,
    private readonly store: SubscriptionStore,
  ) {}

  async handle(input: Sns.ListSubscriptionsByTopicInput) {
    const topic = parseTopicArn(input.TopicArn);
    await this.topics.get(topic);
    const after = snsPageStart(input.NextToken);
    const all = [...(await this.store.listByTopic(topic))]
      .filter(([id]) => after === undefined || id > after)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const page = snsPage(all, ([id]) => id);
    return {
      Subscriptions: page.items.map(([id, sub]) => listedSubscription({ topic, id }, sub)),
      NextToken: page.NextToken,
    };
  }
}
