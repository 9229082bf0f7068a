import type { Events } from '@switchyard/aws-wire';
import type { ConnectionParameters } from '../domain/connection-parameters';
import type { StoredConnection } from '../store/connection.store';
import { validationError } from '../errors/events-errors';

/** The parameter group each authorization type takes. */
const GROUP = {
  BASIC: 'BasicAuthParameters',
  API_KEY: 'ApiKeyAuthParameters',
  OAUTH_CLIENT_CREDENTIALS: 'OAuthParameters',
} as const satisfies Record<Events.ConnectionAuthorizationType, keyof ConnectionParameters>;

/** What Switchyard cannot do with a connection: private APIs (VPC Lattice), customer managed keys. */
export function refuseUnsupported(request: {
  InvocationConnectivityParameters?: unknown;
  KmsKeyIdentifier?: string;
  AuthParameters?: { ConnectivityParameters?: unknown };
}): void {
  if (
    request.InvocationConnectivityParameters !== undefined ||
    request.AuthParameters?.ConnectivityParameters
  )
    throw validationError(
      'Switchyard does not reach private APIs through VPC Lattice: leave out InvocationConnectivityParameters and ConnectivityParameters.',
    );
  if (request.KmsKeyIdentifier !== undefined && request.KmsKeyIdentifier !== '')
    throw validationError(
      'Switchyard seals connection secrets with its own key (SWITCHYARD_CONNECTION_KEY), not with KMS: leave out KmsKeyIdentifier.',
    );
}

function checkHttpParameters(http: Events.ConnectionHttpParameters | undefined, where: string): void {
  for (const [list, items] of Object.entries(http ?? {}) as [string, { Key?: string; Value?: string }[]][])
    for (const item of items ?? [])
      if (item.Key === undefined || item.Value === undefined)
        throw validationError(`Every one of ${where}.${list} needs a Key and a Value.`);
}

/**
 * Checks that parameters carry the group their authorization type takes, complete, and no other:
 * the whole set a connection is sealed with.
 */
export function checkParameters(
  type: Events.ConnectionAuthorizationType,
  parameters: ConnectionParameters,
): void {
  const group = GROUP[type];
  for (const other of Object.values(GROUP))
    if (other !== group && parameters[other] !== undefined)
      throw validationError(`Parameter(s) ${other} cannot be given for AuthorizationType ${type}.`);
  const given = parameters[group] as Record<string, unknown> | undefined;
  if (!given) throw validationError(`Parameter(s) ${group} must be specified for AuthorizationType ${type}.`);
  const required: Record<string, string[]> = {
    BasicAuthParameters: ['Username', 'Password'],
    ApiKeyAuthParameters: ['ApiKeyName', 'ApiKeyValue'],
    OAuthParameters: ['ClientParameters', 'AuthorizationEndpoint', 'HttpMethod'],
  };
  for (const member of required[group])
    if (given[member] === undefined)
      throw validationError(
        `Parameter(s) ${group}.${member} must be specified for AuthorizationType ${type}.`,
      );
  const oauth = parameters.OAuthParameters;
  if (oauth) {
    const client = oauth.ClientParameters as Partial<Events.CreateConnectionOAuthClientRequestParameters>;
    if (client.ClientID === undefined || client.ClientSecret === undefined)
      throw validationError(
        'Parameter(s) OAuthParameters.ClientParameters needs a ClientID and a ClientSecret.',
      );
    if (!URL.canParse(oauth.AuthorizationEndpoint) || !/^https?:/.test(oauth.AuthorizationEndpoint))
      throw validationError(
        `Parameter AuthorizationEndpoint is not valid. Reason: ${oauth.AuthorizationEndpoint} is not an HTTP(S) URL.`,
      );
    checkHttpParameters(oauth.OAuthHttpParameters, 'OAuthHttpParameters');
  }
  checkHttpParameters(parameters.InvocationHttpParameters, 'InvocationHttpParameters');
}

/**
 * A connection's parameters after UpdateConnection: the members given replace those it had (within
 * each group), InvocationHttpParameters as a whole; a new authorization type starts from its own
 * group, the invocation parameters kept.
 */
export function mergeParameters(
  previous: ConnectionParameters | undefined,
  previousType: Events.ConnectionAuthorizationType,
  type: Events.ConnectionAuthorizationType,
  update: Events.UpdateConnectionAuthRequestParameters | undefined,
): ConnectionParameters {
  const base: ConnectionParameters =
    type === previousType
      ? { ...previous }
      : { InvocationHttpParameters: previous?.InvocationHttpParameters };
  const merged: Record<string, unknown> = { ...base };
  for (const group of Object.values(GROUP)) {
    const given = update?.[group] as Record<string, unknown> | undefined;
    if (!given) continue;
    const before = (base[group] ?? {}) as Record<string, unknown>;
    const next = { ...before, ...given };
    if (group === 'OAuthParameters' && given.ClientParameters)
      next.ClientParameters = {
        ...(before.ClientParameters as object),
        ...(given.ClientParameters as object),
      };
    merged[group] = next;
  }
  if (update?.InvocationHttpParameters) merged.InvocationHttpParameters = update.InvocationHttpParameters;
  if (merged.InvocationHttpParameters === undefined) delete merged.InvocationHttpParameters;
  return merged as ConnectionParameters;
}

/** A connection as DescribeConnection answers it. */
export function describeConnection(record: StoredConnection): Events.DescribeConnectionResponse {
  return {
    ConnectionArn: record.arn,
    Name: record.name,
    ...(record.description !== undefined ? { Description: record.description } : {}),
    ConnectionState: record.state,
    ...(record.stateReason !== undefined ? { StateReason: record.stateReason } : {}),
    AuthorizationType: record.authorizationType,
    ...(record.publicParameters ? { AuthParameters: record.publicParameters } : {}),
    CreationTime: new Date(record.createdAt),
    LastModifiedTime: new Date(record.modifiedAt),
    ...(record.authorizedAt !== undefined ? { LastAuthorizedTime: new Date(record.authorizedAt) } : {}),
  };
}

/** The state a connection takes with new parameters: API keys and passwords hold at once, OAuth needs a token first. */
export function stateFor(type: Events.ConnectionAuthorizationType): Events.ConnectionState {
  return type === 'OAUTH_CLIENT_CREDENTIALS' ? 'AUTHORIZING' : 'AUTHORIZED';
}

/** What the operations that change a connection answer: its ARN, its state (or the one given) and its times. */
export function connectionChange(record: StoredConnection, state: Events.ConnectionState = record.state) {
  return {
    ConnectionArn: record.arn,
    ConnectionState: state,
    CreationTime: new Date(record.createdAt),
    LastModifiedTime: new Date(record.modifiedAt),
    ...(record.authorizedAt !== undefined ? { LastAuthorizedTime: new Date(record.authorizedAt) } : {}),
  };
}
