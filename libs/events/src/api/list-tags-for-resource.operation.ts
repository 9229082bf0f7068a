import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';
import { tagList } from './tag-list';

/** ListTagsForResource: a rule's tags, in key order. */
@Injectable()
export class ListTagsForResourceOperation
  extends RuleOperation
  implements EventsOperation<'ListTagsForResource'>
{
  readonly name = 'ListTagsForResource';

  async handle(input: Events.ListTagsForResourceRequest, ctx: OperationContext) {
    const { bus, name } = this.taggedRule(input.ResourceARN, ctx);
    return { Tags: tagList(await this.store.tags(ctx.accountId, bus, name)) };
  }
}
