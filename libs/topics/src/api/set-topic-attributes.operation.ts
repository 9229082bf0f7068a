import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';
import { checkAttributeChange } from './topic-attributes';

/** SetTopicAttributes: one attribute at a time; an empty value puts a defaulted attribute back to its default. */
@Injectable()
export class SetTopicAttributesOperation implements SnsOperation<'SetTopicAttributes'> {
  readonly name = 'SetTopicAttributes';

  constructor(private readonly store: TopicStore) {}

  async handle(input: Sns.SetTopicAttributesInput) {
    const topic = parseTopicArn(input.TopicArn);
    const value = input.AttributeValue ?? '';
    const { emptyRemoves } = checkAttributeChange(topic, input.AttributeName, value);
    await this.store.setAttribute(topic, input.AttributeName, value, emptyRemoves);
    return undefined;
  }
}
