import type { Events } from '@switchyard/aws-wire';
import { ruleArn } from '../domain/event-names';
import type { StoredRule } from '../store/rule.store';

/** A rule as ListRules lists it (DescribeRule adds who created it). */
export function ruleOutput(rule: StoredRule, region: string, accountId: string, bus: string): Events.Rule {
  return {
    Name: rule.name,
    Arn: ruleArn(region, accountId, rule.name, bus),
    ...(rule.eventPattern !== undefined ? { EventPattern: rule.eventPattern } : {}),
    State: rule.state,
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    ...(rule.roleArn !== undefined ? { RoleArn: rule.roleArn } : {}),
    EventBusName: bus,
  };
}
