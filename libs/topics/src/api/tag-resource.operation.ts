import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { asTaggedResource } from '../errors/sns-errors';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';
import { tagMap } from './tag-list';

/** TagResource: adds or overwrites tags of a topic, at most 50 in all. */
@Injectable()
export class TagResourceOperation implements SnsOperation<'TagResource'> {
  readonly name = 'TagResource';

  constructor(private readonly store: TopicStore) {}

  async handle(input: Sns.TagResourceRequest) {
    await asTaggedResource(
      this.store.tag(parseTopicArn(input.ResourceArn, 'ResourceArn'), tagMap(input.Tags)),
    );
    return {};
  }
}
