import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type OperationContext, type Sns } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { isValidTopicName, type TopicRef, topicArn } from '../domain/topic-ref';
import { snsInvalidParameter, SnsErrors } from '../errors/sns-errors';
import { TopicStore } from '../store/topic.store';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import type { SnsOperation } from './sns-operation';
import { tagMap } from './tag-list';
import { creationAttributes } from './topic-attributes';

/**
 * CreateTopic: a standard topic, or a FIFO topic (`FifoTopic` true and a `.fifo` name). Idempotent:
 * the same name with the same attributes and tags answers the existing topic's ARN.
 */
@Injectable()
export class CreateTopicOperation implements SnsOperation<'CreateTopic'> {
  readonly name = 'CreateTopic';

  constructor(
    private readonly store: TopicStore,
    private readonly clock: Clock,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  /** Whether the account owns as many topics (of the kind) as its quota allows. */
  private async overQuota(topic: TopicRef, fifo: boolean): Promise<boolean> {
    if ((await this.store.countTopics(topic.accountId)) >= this.options.maxTopicsPerAccount) return true;
    return (
      fifo && (await this.store.countFifoTopics(topic.accountId)) >= this.options.maxFifoTopicsPerAccount
    );
  }

  async handle(input: Sns.CreateTopicInput, ctx: OperationContext) {
    const fifo = input.Attributes?.FifoTopic === 'true';
    if (!isValidTopicName(input.Name, fifo))
      throw snsInvalidParameter(
        fifo
          ? 'Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.'
          : 'Invalid parameter: Topic Name',
      );
    const topic: TopicRef = { accountId: ctx.accountId, region: this.options.region, name: input.Name };
    const attributes = creationAttributes(topic, input.Attributes ?? {});
    if (input.DataProtectionPolicy) attributes.DataProtectionPolicy = input.DataProtectionPolicy;
    const tags = tagMap(input.Tags);
    if (await this.overQuota(topic, fifo)) {
      // An existing topic is still answered; only a new one counts against the quotas.
      const existing = await this.store.get(topic).catch(() => undefined);
      if (!existing) throw new AwsError(SnsErrors.TopicLimitExceededException, 'Topic limit exceeded');
    }
    await this.store.create(topic, attributes, tags, this.clock.now());
    return { TopicArn: topicArn(topic) };
  }
}
