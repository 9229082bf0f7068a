import { parseArn } from '@switchyard/aws-wire';
import { DEFAULT_BUS } from '../domain/event-names';
import { eventBusNotFound } from '../errors/events-errors';

/**
 * The bus a request's EventBusName (a name or an ARN) names: the account's default bus, which is
 * the only one Switchyard serves (every other is ResourceNotFoundException, as a bus never created).
 */
export function eventBusOf(nameOrArn: string | undefined, accountId: string, region: string): string {
  if (nameOrArn === undefined || nameOrArn === DEFAULT_BUS) return DEFAULT_BUS;
  const arn = parseArn(nameOrArn);
  if (arn?.service === 'events' && arn.resource === `event-bus/${DEFAULT_BUS}`) {
    if (arn.accountId === accountId && arn.region === region) return DEFAULT_BUS;
  }
  throw eventBusNotFound(arn?.resource.startsWith('event-bus/') ? arn.resource.slice(10) : nameOrArn);
}
