import type { Events } from '@switchyard/aws-wire';
import { parameterMap } from './connection-parameters';

/** How long an authorization endpoint may take to answer (EventBridge's own limit on HTTP calls). */
const TIMEOUT_MS = 5_000;

/** An access token and when it expires (ms), when the endpoint said. */
export interface AccessToken {
  readonly value: string;
  readonly expiresAt?: number;
}

/** The authorization endpoint gave no access token; `reason` says why, in words a person can act on. */
export class OAuthFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'OAuthFailure';
  }
}

/**
 * Asks a connection's authorization endpoint for an access token with the OAuth client credentials
 * grant: the client id and secret as HTTP Basic authorization, the connection's OAuth HTTP
 * parameters as headers, query string and (form-encoded; in the query string of a GET) body. The
 * answer must be JSON with an `access_token`; its `expires_in` (seconds), when given, bounds its use.
 */
export async function fetchAccessToken(
  oauth: Events.CreateConnectionOAuthRequestParameters,
  now: number,
): Promise<AccessToken> {
  const { ClientID, ClientSecret } = oauth.ClientParameters;
  const http = oauth.OAuthHttpParameters;
  let url: URL;
  try {
    url = new URL(oauth.AuthorizationEndpoint);
  } catch {
    throw new OAuthFailure(`AuthorizationEndpoint ${oauth.AuthorizationEndpoint} is not a URL`);
  }
  const query = parameterMap(http?.QueryStringParameters);
  const body = new URLSearchParams(parameterMap(http?.BodyParameters));
  const hasBody = oauth.HttpMethod !== 'GET';
  for (const [key, value] of Object.entries(query)) url.searchParams.append(key, value);
  if (!hasBody) for (const [key, value] of body) url.searchParams.append(key, value);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...parameterMap(http?.HeaderParameters),
    authorization: `Basic ${Buffer.from(`${ClientID}:${ClientSecret}`, 'utf8').toString('base64')}`,
  };
  if (hasBody) headers['content-type'] = 'application/x-www-form-urlencoded';
  let response: Response;
  try {
    response = await fetch(url, {
      method: oauth.HttpMethod,
      headers,
      body: hasBody ? body.toString() : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new OAuthFailure(`the authorization endpoint could not be reached: ${(error as Error).message}`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new OAuthFailure(`the authorization endpoint answered HTTP ${response.status}`);
  let answer: { access_token?: unknown; expires_in?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new OAuthFailure('the authorization endpoint did not answer JSON');
  }
  if (typeof answer?.access_token !== 'string' || answer.access_token === '')
    throw new OAuthFailure('the authorization endpoint answered no access_token');
  const expiresIn = Number(answer.expires_in);
  return {
    value: answer.access_token,
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: now + expiresIn * 1000 } : {}),
  };
}
