import type { Events } from '@switchyard/aws-wire';

/** A connection's authorization parameters in full, secrets included: what is sealed in Redis. */
export type ConnectionParameters = Events.CreateConnectionAuthRequestParameters;

/** What a caller adds to a request it makes with a connection. */
export interface ConnectionAuthorization {
  readonly headers: Record<string, string>;
  readonly queryParameters: Record<string, string>;
  readonly bodyParameters: Record<string, unknown>;
}

type HttpParameter = { Key?: string; Value?: string; IsValueSecret?: boolean };

/** HTTP parameters as DescribeConnection shows them: secret values left out. */
export function withoutSecretValues(
  http: Events.ConnectionHttpParameters | undefined,
): Events.ConnectionHttpParameters | undefined {
  if (!http) return undefined;
  const strip = <T extends HttpParameter>(list: T[] | undefined): T[] | undefined =>
    list?.map((p) => (p.IsValueSecret ? ({ Key: p.Key, IsValueSecret: true } as T) : p));
  return {
    ...(http.HeaderParameters ? { HeaderParameters: strip(http.HeaderParameters) } : {}),
    ...(http.QueryStringParameters ? { QueryStringParameters: strip(http.QueryStringParameters) } : {}),
    ...(http.BodyParameters ? { BodyParameters: strip(http.BodyParameters) } : {}),
  };
}

/** The parameters as DescribeConnection shows them: names and endpoints, never passwords, keys or secret values. */
export function publicParameters(parameters: ConnectionParameters): Events.ConnectionAuthResponseParameters {
  const { BasicAuthParameters: basic, ApiKeyAuthParameters: apiKey, OAuthParameters: oauth } = parameters;
  return {
    ...(basic ? { BasicAuthParameters: { Username: basic.Username } } : {}),
    ...(oauth
      ? {
          OAuthParameters: {
            ClientParameters: { ClientID: oauth.ClientParameters.ClientID },
            AuthorizationEndpoint: oauth.AuthorizationEndpoint,
            HttpMethod: oauth.HttpMethod,
            ...(oauth.OAuthHttpParameters
              ? { OAuthHttpParameters: withoutSecretValues(oauth.OAuthHttpParameters) }
              : {}),
          },
        }
      : {}),
    ...(apiKey ? { ApiKeyAuthParameters: { ApiKeyName: apiKey.ApiKeyName } } : {}),
    ...(parameters.InvocationHttpParameters
      ? { InvocationHttpParameters: withoutSecretValues(parameters.InvocationHttpParameters) }
      : {}),
  };
}

/** Key → value of a list of HTTP parameters (a key given twice keeps its last value). */
export function parameterMap(list: readonly HttpParameter[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list ?? []) if (p.Key !== undefined) out[p.Key] = p.Value ?? '';
  return out;
}

/**
 * What a request made with the connection carries: its authorization header (from the API key,
 * the user and password, or the OAuth access token) and its invocation HTTP parameters.
 */
export function authorizationOf(
  type: Events.ConnectionAuthorizationType,
  parameters: ConnectionParameters,
  accessToken: string | undefined,
): ConnectionAuthorization {
  const http = parameters.InvocationHttpParameters;
  const headers = parameterMap(http?.HeaderParameters);
  if (type === 'API_KEY' && parameters.ApiKeyAuthParameters) {
    const { ApiKeyName, ApiKeyValue } = parameters.ApiKeyAuthParameters;
    headers[ApiKeyName] = ApiKeyValue;
  } else if (type === 'BASIC' && parameters.BasicAuthParameters) {
    const { Username, Password } = parameters.BasicAuthParameters;
    headers.Authorization = `Basic ${Buffer.from(`${Username}:${Password}`, 'utf8').toString('base64')}`;
  } else if (type === 'OAUTH_CLIENT_CREDENTIALS' && accessToken !== undefined) {
    headers.Authorization = `Bearer ${accessToken}`;
  }
  return {
    headers,
    queryParameters: parameterMap(http?.QueryStringParameters),
    bodyParameters: parameterMap(http?.BodyParameters),
  };
}
