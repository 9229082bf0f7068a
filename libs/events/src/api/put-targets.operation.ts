import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';
import { checkTarget, undeliverable } from './target-check';

/**
 * PutTargets: adds targets to a rule, or replaces those of the same ids (5 a rule at most:
 * LimitExceededException). A malformed target refuses the whole request (ValidationException); a
 * target of a service Switchyard does not deliver to is a failed entry and the others are stored.
 */
@Injectable()
export class PutTargetsOperation extends RuleOperation implements EventsOperation<'PutTargets'> {
  readonly name = 'PutTargets';

  async handle(input: Events.PutTargetsRequest, ctx: OperationContext) {
    const bus = this.bus(input.EventBusName, ctx);
    input.Targets.forEach(checkTarget);
    const failed: Events.PutTargetsResultEntry[] = [];
    const accepted: Events.Target[] = [];
    for (const target of input.Targets) {
      const reason = undeliverable(target);
      if (reason)
        failed.push({ TargetId: target.Id, ErrorCode: 'ValidationException', ErrorMessage: reason });
      else accepted.push(target);
    }
    if (accepted.length) await this.store.putTargets(ctx.accountId, bus, input.Rule, accepted);
    else await this.store.get(ctx.accountId, bus, input.Rule);
    return { FailedEntryCount: failed.length, FailedEntries: failed };
  }
}
