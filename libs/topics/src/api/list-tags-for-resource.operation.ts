import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { asTaggedResource } from '../errors/sns-errors';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';

/** ListTagsForResource: a topic's tags in key order. */
@Injectable()
export class ListTagsForResourceOperation implements SnsOperation<'ListTagsForResource'> {
  readonly name = 'ListTagsForResource';

  constructor(private readonly store: TopicStore) {}

  async handle(input: Sns.ListTagsForResourceRequest) {
    const tags = await asTaggedResource(this.store.tags(parseTopicArn(input.ResourceArn, 'ResourceArn')));
    return {
      Tags: Object.keys(tags)
        .sort()
        .map((Key) => ({ Key, Value: tags[Key] })),
    };
  }
}
