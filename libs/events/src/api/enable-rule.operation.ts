import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';

/** EnableRule: the rule matches events again. */
@Injectable()
export class EnableRuleOperation extends RuleOperation implements EventsOperation<'EnableRule'> {
  readonly name = 'EnableRule';

  handle(input: Events.EnableRuleRequest, ctx: OperationContext) {
    return this.setState(input, ctx, 'ENABLED');
  }
}
