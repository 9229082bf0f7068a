import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';

/**
 * DeleteRule: refused while the rule has targets ("Rule can't be deleted since it has targets.");
 * a rule that does not exist is no error. `Force` concerns rules managed by AWS services, which
 * Switchyard has none of.
 */
@Injectable()
export class DeleteRuleOperation extends RuleOperation implements EventsOperation<'DeleteRule'> {
  readonly name = 'DeleteRule';

  async handle(input: Events.DeleteRuleRequest, ctx: OperationContext) {
    const bus = this.bus(input.EventBusName, ctx);
    await this.store.delete(ctx.accountId, bus, input.Name);
    return undefined;
  }
}
