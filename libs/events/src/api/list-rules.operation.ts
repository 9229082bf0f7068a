import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';
import { MAX_PAGE, page, pageStart } from './events-pages';
import { ruleOutput } from './rule-output';

/** ListRules: a bus's rules in name order, by NamePrefix, `Limit` a page (100 at most). */
@Injectable()
export class ListRulesOperation extends RuleOperation implements EventsOperation<'ListRules'> {
  readonly name = 'ListRules';

  async handle(input: Events.ListRulesRequest, ctx: OperationContext) {
    const bus = this.bus(input.EventBusName, ctx);
    const limit = input.Limit ?? MAX_PAGE;
    const rules = await this.store.list(ctx.accountId, bus, {
      prefix: input.NamePrefix,
      after: pageStart(input.NextToken),
      limit: limit + 1,
    });
    const { items, NextToken } = page(rules, limit, (r) => r.name);
    return {
      Rules: items.map((r) => ruleOutput(r, this.options.region, ctx.accountId, bus)),
      ...(NextToken ? { NextToken } : {}),
    };
  }
}
