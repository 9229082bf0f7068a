import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';

/** RemoveTargets: removes targets by id; an id the rule does not have is a failed entry. */
@Injectable()
export class RemoveTargetsOperation extends RuleOperation implements EventsOperation<'RemoveTargets'> {
  readonly name = 'RemoveTargets';

  async handle(input: Events.RemoveTargetsRequest, ctx: OperationContext) {
    const bus = this.bus(input.EventBusName, ctx);
    const missing = await this.store.removeTargets(ctx.accountId, bus, input.Rule, input.Ids);
    return {
      FailedEntryCount: missing.length,
      FailedEntries: missing.map((id) => ({
        TargetId: id,
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `Rule '${input.Rule}' does not have a target with the Id '${id}'.`,
      })),
    };
  }
}
