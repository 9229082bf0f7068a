import { Inject, Injectable } from '@nestjs/common';
import { decodeNameCursor, encodeNameCursor, type OperationContext, type Sns } from '@switchyard/aws-wire';
import { topicArn } from '../domain/topic-ref';
import { snsInvalidParameter } from '../errors/sns-errors';
import { TopicStore } from '../store/topic.store';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import type { SnsOperation } from './sns-operation';

/** SNS list operations answer 100 items a page. */
export const SNS_PAGE_SIZE = 100;

/** Where a page of an SNS list starts: after the name its NextToken carries. */
export function snsPageStart(nextToken: string | undefined): string | undefined {
  if (nextToken === undefined || nextToken === '') return undefined;
  const after = decodeNameCursor(nextToken);
  if (after === undefined) throw snsInvalidParameter('Invalid parameter: NextToken');
  return after;
}

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
    const page = names.slice(0, SNS_PAGE_SIZE);
    return {
      Topics: page.map((name) => ({
        TopicArn: topicArn({ accountId: ctx.accountId, region: this.options.region, name }),
      })),
      NextToken: names.length > SNS_PAGE_SIZE ? encodeNameCursor(page[page.length - 1]) : undefined,
    };
  }
}
