import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { asTaggedResource } from '../errors/sns-errors';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';

/** UntagResource: removes tags of a topic; keys it does not have are ignored. */
@Injectable()
export class UntagResourceOperation implements SnsOperation<'UntagResource'> {
  readonly name = 'UntagResource';

  constructor(private readonly store: TopicStore) {}

  async handle(input: Sns.UntagResourceRequest) {
    await asTaggedResource(this.store.untag(parseTopicArn(input.ResourceArn, 'ResourceArn'), input.TagKeys));
    return {};
  }
}
