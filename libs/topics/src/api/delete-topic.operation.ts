import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { SubscriptionStore } from '../store/subscription.store';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';

/** DeleteTopic: the topic and its subscriptions go; deleting a topic that does not exist succeeds, as on AWS. */
@Injectable()
export class DeleteTopicOperation implements SnsOperation<'DeleteTopic'> {
  readonly name = 'DeleteTopic';

  constructor(
    private readonly store: TopicStore,
    private readonly subscriptions: SubscriptionStore,
  ) {}

  async handle(input: Sns.DeleteTopicInput) {
    const topic = parseTopicArn(input.TopicArn);
    const deleted = await this.store.delete(topic);
    await this.subscriptions.forgetTopicSubscriptions(topic, deleted.subscriptionIds, deleted.filterPolicies);
    return undefined;
  }
}
