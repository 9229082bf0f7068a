import { Injectable } from '@nestjs/common';
import { encodeNameCursor, type Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { TopicStore } from '../store/topic.store';
import { SubscriptionStore } from '../store/subscription.store';
import { listedSubscription } from './list-subscriptions.operation';
import { SNS_PAGE_SIZE, snsPageStart } from './list-topics.operation';
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
    const page = all.slice(0, SNS_PAGE_SIZE);
    return {
      Subscriptions: page.map(([id, sub]) => listedSubscription({ topic, id }, sub)),
      NextToken: all.length > SNS_PAGE_SIZE ? encodeNameCursor(page[page.length - 1][0]) : undefined,
    };
  }
}
