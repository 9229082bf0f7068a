import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';

/** DeleteTopic: the topic and its subscriptions go; deleting a topic that does not exist succeeds, as on AWS. */
@Injectable()
export class DeleteTopicOperation implements SnsOperation<'DeleteTopic'> {
  readonly name = 'DeleteTopic';

  constructor(private readonly store: TopicStore) {}

  async handle(input: Sns.DeleteTopicInput) {
    await this.store.delete(parseTopicArn(input.TopicArn));
    return undefined;
  }
}
