import { Inject, Injectable } from '@nestjs/common';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import {
  type ConnectionAuthorization,
  ConnectionNotAuthorized,
  ConnectionNotFound,
  Connections,
} from '@switchyard/events';
import { buildHttpRequest, connectionArnOf, InvalidHttpTask, type HttpTaskRequest } from './http-request';
import { type TaskOutcome, taskFailed, taskSucceeded } from './task-outcome';

/** An HTTP Task's request and response as TestState's TRACE inspection shows them (headers as JSON text). */
export interface HttpExchange {
  request: { protocol: string; method: string; url: string; headers: string; body?: string };
  response?: { protocol: string; statusCode: string; statusMessage: string; headers: string; body: string };
}

/** How an HTTP Task's call is shown: with the connection's secrets, or with them masked. */
export interface HttpTrace {
  readonly revealSecrets: boolean;
  record(exchange: HttpExchange): void;
}

const MASK = '********';

/** AWS's cap on an HTTP Task's call. */
const HTTP_TIMEOUT_MS = 60_000;

/**
 * `arn:aws:states:::http:invoke`: calls an HTTP API through an EventBridge connection, answering
 * `{Headers, ResponseBody, StatusCode, StatusText}` as AWS's HTTP Task does (a JSON body parsed); a
 * status outside 2xx fails the task with `States.Http.StatusCode.<code>` and that answer as cause.
 * Plain `http://` endpoints are allowed, unlike on AWS: a self-hosted stack calls local services.
 */
@Injectable()
export class HttpIntegration {
  constructor(
    private readonly connections: Connections,
    @Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions,
  ) {}

  /**
   * Calls the API; `trace` is told the request and response (TestState's TRACE inspection). An
   * OAuth connection whose token the API refuses (401, 407) gets a new token, and the call is made
   * once more with it.
   */
  async invoke(parameters: unknown, trace?: HttpTrace): Promise<TaskOutcome> {
    let arn: string;
    try {
      arn = connectionArnOf(parameters);
    } catch (e) {
      if (e instanceof InvalidHttpTask) return taskFailed('States.Runtime', e.message);
      throw e;
    }
    const first = await this.call(parameters, arn, false, trace);
    if (!first.unauthorized) return first.outcome;
    return (await this.call(parameters, arn, true, trace)).outcome;
  }

  private async call(
    parameters: unknown,
    arn: string,
    refresh: boolean,
    trace: HttpTrace | undefined,
  ): Promise<{ outcome: TaskOutcome; unauthorized?: boolean }> {
    let auth: ConnectionAuthorization;
    let request: HttpTaskRequest;
    try {
      auth = await this.connections.authorization(arn, { refresh });
      request = buildHttpRequest(parameters, auth, this.options.region);
    } catch (e) {
      if (e instanceof ConnectionNotFound)
        return { outcome: taskFailed('Events.ConnectionResource.ResourceNotFound', e.message) };
      if (e instanceof ConnectionNotAuthorized)
        return { outcome: taskFailed('Events.ConnectionResource.InvalidConnectionState', e.message) };
      if (e instanceof InvalidHttpTask) return { outcome: taskFailed('States.Runtime', e.message) };
      throw e;
    }
    const protocol = new URL(request.url).protocol.replace(':', '');
    const exchange: HttpExchange = {
      request: {
        protocol,
        method: request.method,
        url: request.url,
        headers: JSON.stringify(trace?.revealSecrets ? request.headers : masked(request.headers, auth)),
        body: request.body,
      },
    };
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'follow',
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
    } catch (e) {
      const cause = (e as Error).cause as Error | undefined;
      trace?.record(exchange);
      return {
        outcome: taskFailed(
          'States.Http.Socket',
          `${(e as Error).message}${cause ? `: ${cause.message}` : ''}`,
        ),
      };
    }
    const text = await response.text();
    const headers: Record<string, string[]> = {};
    response.headers.forEach((value, name) => {
      headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : [value];
    });
    exchange.response = {
      protocol,
      statusCode: String(response.status),
      statusMessage: response.statusText,
      headers: JSON.stringify(headers),
      body: text,
    };
    trace?.record(exchange);
    const answer = {
      Headers: headers,
      ResponseBody: parseIfJson(text, response.headers.get('content-type')),
      StatusCode: response.status,
      StatusText: response.statusText,
    };
    if (response.status >= 200 && response.status < 300) return { outcome: taskSucceeded(answer) };
    return {
      outcome: taskFailed(`States.Http.StatusCode.${response.status}`, JSON.stringify(answer)),
      unauthorized: (response.status === 401 || response.status === 407) && bearer(auth),
    };
  }
}

/** Whether a connection authorises with an OAuth token (which a refused call may renew). */
function bearer(auth: ConnectionAuthorization): boolean {
  return Object.entries(auth.headers).some(
    ([name, value]) => name.toLowerCase() === 'authorization' && value.startsWith('Bearer '),
  );
}

/** Request headers with the values the connection added masked. */
function masked(headers: Record<string, string>, auth: ConnectionAuthorization): Record<string, string> {
  const secret = new Set(Object.keys(auth.headers).map((h) => h.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, secret.has(k) ? MASK : v]));
}

/** A JSON response's body as JSON; anything else (or JSON that does not parse) as text. */
function parseIfJson(text: string, contentType: string | null): unknown {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (media !== 'application/json' && !media.endsWith('+json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
