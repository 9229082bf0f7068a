import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';
import { pageAfter } from './events-pages';

/** ListRuleNamesByTarget: the rules of a bus with a target of the ARN, in name order. */
@Injectable()
export class ListRuleNamesByTargetOperation
  extends RuleOperation
  implements EventsOperation<'ListRuleNamesByTarget'>
{
  readonly name = 'ListRuleNamesByTarget';

  async handle(input: Events.ListRuleNamesByTargetRequest, ctx: OperationContext) {
    const { rules } = await this.store.load(ctx.accountId, this.bus(input.EventBusName, ctx));
    const names = rules
      .filter(({ targets }) => targets.some((t) => t.Arn === input.TargetArn))
      .map(({ rule }) => rule.name)
      .sort();
    const { items, NextToken } = pageAfter(names, input.NextToken, input.Limit, (name) => name);
    return { RuleNames: items, ...(NextToken ? { NextToken } : {}) };
  }
}
