import { Inject, Injectable } from '@nestjs/common';
import type { OperationContext, Sns } from '@switchyard/aws-wire';
import { topicArn } from '../domain/topic-ref';
import { TopicStore } from '../store/topic.store';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import type { SnsOperation } from './sns-operation';
import { SNS_PAGE_SIZE, snsPage, snsPageStart } from './sns-pages';

/** ListTopics: the account's topics in name order, 100 a page. */
@Injectable()
export class ListTopicsOperation implements SnsOperation<'ListTopics'> {
  readonly name = 'ListTopics';

  constructor(
    private readonly store: TopicStore,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  async handle(input: Sns.ListTopicsInput, ctx: OperationContext) {
    const names = await this.store.listTopicNames(
      ctx.accountId,
      snsPageStart(input.NextToken),
      SNS_PAGE_SIZE + 1,
    );
    const page = snsPage(names, (name) => name);
    return {
      Topics: page.items.map((name) => ({
        TopicArn: topicArn({ accountId: ctx.accountId, region: this.options.region, name }),
      })),
      NextToken: page.NextToken,
    };
  }
}
