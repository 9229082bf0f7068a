import { formatArn, parseArn } from '@switchyard/aws-wire';

/** The event bus every account has, and the only one Switchyard serves. */
export const DEFAULT_BUS = 'default';

/** The ARN of an account's event bus. */
export function eventBusArn(region: string, accountId: string, bus = DEFAULT_BUS): string {
  return formatArn('events', region, accountId, `event-bus/${bus}`);
}

/** The ARN of a rule: `rule/<name>` on the default bus, `rule/<bus>/<name>` on another. */
export function ruleArn(region: string, accountId: string, rule: string, bus = DEFAULT_BUS): string {
  return formatArn('events', region, accountId, bus === DEFAULT_BUS ? `rule/${rule}` : `rule/${bus}/${rule}`);
}

/** What a rule ARN names, or undefined when the text is no EventBridge rule ARN. */
export function parseRuleArn(
  arn: string,
): { region: string; accountId: string; bus: string; name: string } | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'events') return undefined;
  const m = /^rule\/(?:([^/]+)\/)?([^/]+)$/.exec(parsed.resource);
  if (!m) return undefined;
  return { region: parsed.region, accountId: parsed.accountId, bus: m[1] ?? DEFAULT_BUS, name: m[2] };
}

/** The ARN of a connection: its name and the id that tells it from earlier connections of the name. */
export function connectionArn(region: string, accountId: string, name: string, id: string): string {
  return formatArn('events', region, accountId, `connection/${name}/${id}`);
}

/** What a connection ARN names, or undefined when the text is no EventBridge connection ARN. */
export function parseConnectionArn(
  arn: string,
): { region: string; accountId: string; name: string; id: string } | undefined {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'events') return undefined;
  const m = /^connection\/([^/]+)\/([^/]+)$/.exec(parsed.resource);
  return m ? { region: parsed.region, accountId: parsed.accountId, name: m[1], id: m[2] } : undefined;
}
