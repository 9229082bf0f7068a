import { Inject } from '@nestjs/common';
import { AwsError, type Events, type OperationContext } from '@switchyard/aws-wire';
import { parseRuleArn } from '../domain/event-names';
import { EventsErrors } from '../errors/events-errors';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { RuleStore } from '../store/rule.store';
import { eventBusOf } from './event-bus-name';

/** What the operations on rules, their targets and their tags share: the rule store, and the bus a request names. */
export abstract class RuleOperation {
  constructor(
    protected readonly store: RuleStore,
    @Inject(EVENTS_OPTIONS) protected readonly options: EventsOptions,
  ) {}

  /** The bus an EventBusName (a name or an ARN) names: the default bus, or ResourceNotFoundException. */
  protected bus(nameOrArn: string | undefined, ctx: OperationContext): string {
    return eventBusOf(nameOrArn, ctx.accountId, this.options.region);
  }

  /**
   * The rule a tagging operation's ARN names (rules are the resources Switchyard tags); any other
   * ARN names nothing here: ResourceNotFoundException.
   */
  protected taggedRule(arn: string, ctx: OperationContext): { bus: string; name: string } {
    const rule = parseRuleArn(arn);
    if (!rule || rule.accountId !== ctx.accountId || rule.region !== this.options.region)
      throw new AwsError(EventsErrors.ResourceNotFoundException, `Resource ${arn} does not exist.`);
    return { bus: this.bus(rule.bus, ctx), name: rule.name };
  }

  /** Enables or disables the rule a request names. */
  protected async setState(
    input: { Name: string; EventBusName?: string },
    ctx: OperationContext,
    state: Events.RuleState,
  ): Promise<undefined> {
    await this.store.setState(ctx.accountId, this.bus(input.EventBusName, ctx), input.Name, state);
    return undefined;
  }
}
