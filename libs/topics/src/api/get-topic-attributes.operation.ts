import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';
import { topicAttributes } from './topic-attributes';

/** GetTopicAttributes: what was set on the topic over AWS's defaults, with its subscription counts. */
@Injectable()
export class GetTopicAttributesOperation implements SnsOperation<'GetTopicAttributes'> {
  readonly name = 'GetTopicAttributes';

  constructor(private readonly store: TopicStore) {}

  async handle(input: Sns.GetTopicAttributesInput) {
    const topic = parseTopicArn(input.TopicArn);
    const stored = await this.store.get(topic);
    return { Attributes: topicAttributes(topic, stored) };
  }
}
