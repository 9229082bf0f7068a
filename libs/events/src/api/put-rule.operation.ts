import { Injectable } from '@nestjs/common';
import type { Events, OperationContext } from '@switchyard/aws-wire';
import { ruleArn } from '../domain/event-names';
import { validationError } from '../errors/events-errors';
import { compileEventPattern } from '../pattern';
import type { EventsOperation } from './events-operation';
import { RuleOperation } from './rule-operation';
import { tagMap } from './tag-list';

/**
 * PutRule: creates a rule, or replaces an existing rule's settings (what is left out is cleared, as
 * on AWS; its targets stay). The rule matches events by its EventPattern, checked as EventBridge
 * checks it. Scheduled rules (ScheduleExpression) are not run by Switchyard and are refused.
 */
@Injectable()
export class PutRuleOperation extends RuleOperation implements EventsOperation<'PutRule'> {
  readonly name = 'PutRule';

  async handle(input: Events.PutRuleRequest, ctx: OperationContext) {
    const bus = this.bus(input.EventBusName, ctx);
    if (input.EventPattern === undefined && input.ScheduleExpression === undefined)
      throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    if (input.ScheduleExpression !== undefined)
      throw validationError(
        'Parameter ScheduleExpression is not valid. Reason: Switchyard does not run scheduled rules; give the rule an EventPattern.',
      );
    compileEventPattern(input.EventPattern!);
    await this.store.put(
      ctx.accountId,
      bus,
      {
        name: input.Name,
        state: input.State ?? 'ENABLED',
        eventPattern: input.EventPattern,
        description: input.Description,
        roleArn: input.RoleArn,
        createdBy: ctx.accountId,
      },
      tagMap(input.Tags),
      this.options.maxRulesPerBus,
    );
    return { RuleArn: ruleArn(this.options.region, ctx.accountId, input.Name, bus) };
  }
}
