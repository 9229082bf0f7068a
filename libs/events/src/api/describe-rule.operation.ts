import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';
import { ruleOutput } from './rule-output';

/** DescribeRule: a rule's settings, its bus, and the account that created it. */
@Injectable()
export class DescribeRuleOperation extends RuleOperation implements EventsOperation<'DescribeRule'> {
  readonly name = 'DescribeRule';

  async handle(input: Events.DescribeRuleRequest, ctx: OperationContext) {
    const bus = this.bus(input.EventBusName, ctx);
    const rule = await this.store.get(ctx.accountId, bus, input.Name);
    return { ...ruleOutput(rule, this.options.region, ctx.accountId, bus), CreatedBy: rule.createdBy };
  }
}
