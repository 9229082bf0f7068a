import { Injectable } from '@nestjs/common';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { largeMessageProblem, protocolsOf, STANDARD_MESSAGE_LIMIT } from '../domain/large-messages';
import { snsInvalidParameter } from '../errors/sns-errors';
import { SubscriptionStore } from '../store/subscription.store';
import { TopicStore } from '../store/topic.store';
import type { SnsOperation } from './sns-operation';
import { checkAttributeChange } from './topic-attributes';

/** SetTopicAttributes: one attribute at a time; an empty value puts a defaulted attribute back to its default. */
@Injectable()
export class SetTopicAttributesOperation implements SnsOperation<'SetTopicAttributes'> {
  readonly name = 'SetTopicAttributes';

  constructor(
    private readonly store: TopicStore,
    private readonly subscriptions: SubscriptionStore,
  ) {}

  async handle(input: Sns.SetTopicAttributesInput) {
    const topic = parseTopicArn(input.TopicArn);
    const value = input.AttributeValue ?? '';
    const { emptyRemoves } = checkAttributeChange(topic, input.AttributeName, value);
    if (input.AttributeName === 'MaximumMessageSize' && Number(value) > STANDARD_MESSAGE_LIMIT) {
      const problem = largeMessageProblem(
        protocolsOf((await this.subscriptions.listByTopic(topic)).values()),
      );
      if (problem) throw snsInvalidParameter(`Invalid parameter: MaximumMessageSize Reason: ${problem}`);
    }
    await this.store.setAttribute(topic, input.AttributeName, value, emptyRemoves);
    return undefined;
  }
}
