import { AwsError, type Sfn } from '@switchyard/aws-wire';
import { parseStatesArn, qualifierOf, type StateMachineRef } from '../domain/state-machine-ref';
import { resourceNotFound, SfnErrors } from '../errors/sfn-errors';
import type { AliasRoute } from '../store/state-machine.store';

/** An alias's routing as given, checked: the machine its versions belong to, and the routes. */
export interface AliasRouting {
  readonly machine: StateMachineRef;
  readonly routes: AliasRoute[];
}

function invalidRouting(message: string): AwsError {
  return new AwsError(SfnErrors.ValidationException, message);
}

/**
 * Checks a routingConfiguration beyond what the model says (one or two items, weights 0 to 100): its
 * ARNs are version ARNs, distinct, of one state machine, and its weights add up to 100. A version of
 * another region's machine does not exist here (ResourceNotFound).
 */
export function aliasRouting(
  items: readonly Sfn.RoutingConfigurationListItem[],
  region: string,
): AliasRouting {
  const arns = items.map((i) => i.stateMachineVersionArn);
  const parsed = arns.map((arn) => {
    const p = parseStatesArn(arn);
    const qualifier =
      p?.type === 'stateMachine' && p.names.length === 2 ? qualifierOf(p.names[1]) : undefined;
    return p && qualifier?.kind === 'version' ? { arn: p, version: qualifier.version } : undefined;
  });
  if (parsed.some((p) => p === undefined))
    throw invalidRouting(
      `Routing configuration must contain state machine version ARNs. Received: [${arns.join(', ')}]`,
    );
  if (new Set(arns).size !== arns.length)
    throw invalidRouting(
      `Routing configuration must contain distinct state machine version ARNs. Received: [${arns.join(', ')}]`,
    );
  const versions = parsed as { arn: NonNullable<ReturnType<typeof parseStatesArn>>; version: string }[];
  const owner = (v: (typeof versions)[number]) => `${v.arn.region}:${v.arn.accountId}:${v.arn.names[0]}`;
  if (versions.some((v) => owner(v) !== owner(versions[0])))
    throw invalidRouting(
      `Routing configuration must contain versions of one state machine. Received: [${arns.join(', ')}]`,
    );
  const weights = items.map((i) => i.weight);
  if (weights.reduce((sum, w) => sum + w, 0) !== 100)
    throw invalidRouting(
      `Sum of routing configuration weights must equal 100. Received: [${weights.join(', ')}]`,
    );
  const first = versions[0].arn;
  if (first.region !== region) throw resourceNotFound();
  return {
    machine: { accountId: first.accountId, region: first.region, name: first.names[0] },
    routes: versions.map((v, i) => ({ version: v.version, weight: items[i].weight })),
  };
}

/** Whether two refs name the same state machine. */
export function sameMachine(a: StateMachineRef, b: StateMachineRef): boolean {
  return a.accountId === b.accountId && a.region === b.region && a.name === b.name;
}

/** A routing whose versions belong to another machine than the alias's. */
export function routingOfAnotherMachine(items: readonly Sfn.RoutingConfigurationListItem[]): AwsError {
  return invalidRouting(
    `Routing configuration must contain versions of the alias's state machine. Received: [${items
      .map((i) => i.stateMachineVersionArn)
      .join(', ')}]`,
  );
}
