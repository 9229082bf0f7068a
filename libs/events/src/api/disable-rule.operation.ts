import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';

/** DisableRule: the rule matches no event until it is enabled again; events already matched are still delivered. */
@Injectable()
export class DisableRuleOperation extends RuleOperation implements EventsOperation<'DisableRule'> {
  readonly name = 'DisableRule';

  handle(input: Events.DisableRuleRequest, ctx: OperationContext) {
    return this.setState(input, ctx, 'DISABLED');
  }
}
