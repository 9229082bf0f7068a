import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';
import { defaultTopicPolicy } from './topic-attributes';

/** RemovePermission: removes the Policy statement AddPermission made under the label. */
@Injectable()
export class RemovePermissionOperation implements SnsOperation<'RemovePermission'> {
  readonly name = 'RemovePermission';

  constructor(private readonly store: TopicStore) {}

  async handle(input: Sns.RemovePermissionInput) {
    const topic = parseTopicArn(input.TopicArn);
    await this.store.editPolicy(topic, input.Label, undefined, defaultTopicPolicy(topic));
    return undefined;
  }
}
