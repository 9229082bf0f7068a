import type { ConnectionAuthorization } from '@switchyard/events';

/**
 * The request an HTTP Task (`arn:aws:states:::http:invoke`) makes, built from its parameters and its
 * connection's authorisation as AWS builds it. Pure: no I/O.
 */

export interface HttpTaskRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** A parameter an HTTP Task cannot run with: the task fails with States.Runtime and this cause. */
export class InvalidHttpTask extends Error {}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const ARRAY_FORMATS = ['INDICES', 'REPEAT', 'COMMAS', 'BRACKETS'];
/** Headers a definition may not set (the HTTP layer or the connection owns them), as AWS lists them. */
const FORBIDDEN_HEADERS = new Set([
  'a-im',
  'accept-charset',
  'accept-datetime',
  'accept-encoding',
  'authorization',
  'cache-control',
  'connection',
  'content-encoding',
  'content-md5',
  'date',
  'expect',
  'forwarded',
  'from',
  'host',
  'http2-settings',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'max-forwards',
  'origin',
  'pragma',
  'proxy-authorization',
  'referer',
  'server',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
  'warning',
]);
const FORBIDDEN_PREFIXES = ['x-forwarded', 'x-amz', 'x-amzn'];

/** The connection an HTTP Task names (`Authentication.ConnectionArn`, required as on AWS). */
export function connectionArnOf(parameters: unknown): string {
  const p = (parameters ?? {}) as Record<string, unknown>;
  const arn = (p.Authentication as { ConnectionArn?: unknown } | undefined)?.ConnectionArn;
  if (typeof arn !== 'string' || arn === '')
    throw new InvalidHttpTask("The field 'Authentication.ConnectionArn' is required for an HTTP Task.");
  return arn;
}

/** A scalar as a query string or form carries it. */
function scalar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A body object as `application/x-www-form-urlencoded`, arrays written in the format asked for. */
export function formEncode(body: Record<string, unknown>, arrayFormat = 'INDICES'): string {
  const pairs: [string, string][] = [];
  const add = (key: string, value: unknown): void => {
    if (Array.isArray(value)) {
      if (arrayFormat === 'COMMAS') pairs.push([key, value.map(scalar).join(',')]);
      else
        value.forEach((v, i) =>
          add(arrayFormat === 'REPEAT' ? key : arrayFormat === 'BRACKETS' ? `${key}[]` : `${key}[${i}]`, v),
        );
    } else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
    else pairs.push([key, scalar(value)]);
  };
  for (const [k, v] of Object.entries(body)) add(k, v);
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** The request an HTTP Task's parameters and its connection make. */
export function buildHttpRequest(
  parameters: unknown,
  auth: ConnectionAuthorization,
  region: string,
): HttpTaskRequest {
  const p = (parameters ?? {}) as Record<string, unknown>;
  let url: URL;
  try {
    url = new URL(String(p.ApiEndpoint));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new InvalidHttpTask(
      `The field 'ApiEndpoint' must be an http or https URL; got ${JSON.stringify(p.ApiEndpoint ?? null)}.`,
    );
  }
  const method = p.Method;
  if (typeof method !== 'string' || !METHODS.includes(method))
    throw new InvalidHttpTask(`The field 'Method' must be one of ${METHODS.join(', ')}.`);
  const transform = (p.Transform ?? {}) as {
    RequestBodyEncoding?: unknown;
    RequestEncodingOptions?: { ArrayFormat?: unknown };
  };
  const encoding = transform.RequestBodyEncoding ?? 'NONE';
  if (encoding !== 'NONE' && encoding !== 'URL_ENCODED')
    throw new InvalidHttpTask("The field 'Transform.RequestBodyEncoding' must be NONE or URL_ENCODED.");
  const arrayFormat = transform.RequestEncodingOptions?.ArrayFormat ?? 'INDICES';
  if (typeof arrayFormat !== 'string' || !ARRAY_FORMATS.includes(arrayFormat))
    throw new InvalidHttpTask(
      `The field 'Transform.RequestEncodingOptions.ArrayFormat' must be one of ${ARRAY_FORMATS.join(', ')}.`,
    );

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((p.Headers ?? {}) as Record<string, unknown>)) {
    const lower = name.toLowerCase();
    if (FORBIDDEN_HEADERS.has(lower) || FORBIDDEN_PREFIXES.some((prefix) => lower.startsWith(prefix)))
      throw new InvalidHttpTask(`The header '${name}' cannot be set in an HTTP Task's Headers.`);
    headers[lower] = Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
  }
  for (const [name, value] of Object.entries(auth.headers)) headers[name.toLowerCase()] = value;

  for (const [name, value] of Object.entries((p.QueryParameters ?? {}) as Record<string, unknown>))
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, scalar(v));
  for (const [name, value] of Object.entries(auth.queryParameters)) url.searchParams.set(name, value);

  let body: unknown = p.RequestBody;
  if (Object.keys(auth.bodyParameters).length > 0) {
    if (typeof body === 'string')
      throw new InvalidHttpTask(
        "A text 'RequestBody' cannot take the connection's body parameters; give it as a JSON object.",
      );
    body = { ...((body ?? {}) as Record<string, unknown>), ...auth.bodyParameters };
  }
  let text: string | undefined;
  if (body !== undefined && body !== null) {
    if (typeof body === 'string') text = body;
    else if (encoding === 'URL_ENCODED' && typeof body === 'object' && !Array.isArray(body)) {
      text = formEncode(body as Record<string, unknown>, arrayFormat);
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else text = JSON.stringify(body);
    headers['content-type'] ??= 'application/json; charset=UTF-8';
  }
  headers['user-agent'] = `Amazon|StepFunctions|HttpInvoke|${region}`;
  return { url: url.toString(), method, headers, body: text };
}
