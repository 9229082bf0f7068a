import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';
import { pageAfter } from './events-pages';

/** ListTargetsByRule: a rule's targets as PutTargets gave them, in id order, `Limit` a page. */
@Injectable()
export class ListTargetsByRuleOperation
  extends RuleOperation
  implements EventsOperation<'ListTargetsByRule'>
{
  readonly name = 'ListTargetsByRule';

  async handle(input: Events.ListTargetsByRuleRequest, ctx: OperationContext) {
    const targets = await this.store.targets(ctx.accountId, this.bus(input.EventBusName, ctx), input.Rule);
    const { items, NextToken } = pageAfter(targets, input.NextToken, input.Limit, (t) => t.Id);
    return { Targets: items, ...(NextToken ? { NextToken } : {}) };
  }
}
