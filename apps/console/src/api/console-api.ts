/**
 * The console's own read-only endpoints (`/_console/api/…`), same origin, cookie session. A 401
 * from any of them sends the app back to its login form.
 */

export const API_BASE = `${import.meta.env?.BASE_URL ?? '/_console/'}api`;

export interface SessionInfo {
  authenticated: boolean;
  sigv4: boolean;
  accessKeyId?: string;
  region: string;
  accountId: string;
}

export interface QueueSummary {
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  visible: number;
  inFlight: number;
  delayed: number;
  oldestAgeSeconds: number | null;
}

export type PeekState = 'visible' | 'inFlight' | 'delayed';

export interface PeekedMessage {
  messageId: string;
  body: string;
  state: PeekState;
  receiveCount: number;
  sentTimestamp: number;
  attributes?: Record<string, string>;
  messageAttributes?: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: string }>;
  groupId?: string;
  deduplicationId?: string;
}

export interface PeekAnswer {
  messages: PeekedMessage[];
  scanned: number;
  truncated: boolean;
}

export interface DeliveryStats {
  subscriptions: Record<string, { failed: number; deadLettered: number }>;
}

export interface ExpressExecution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate: number;
  stopDate?: number;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** An answer other than 2xx; `status` 401 means the session is gone. */
export class ConsoleApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

let onUnauthorized: (() => void) | undefined;

/** Who to tell when an endpoint answers 401. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ConsoleApiError(`Console API unreachable: ${(e as Error).message}`, 0);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const given =
      parsed && typeof parsed === 'object' ? (parsed as { message?: unknown }).message : undefined;
    const message = given ? String(given) : `${method} ${API_BASE}${path}: HTTP ${response.status}`;
    if (response.status === 401 && path !== '/session') onUnauthorized?.();
    throw new ConsoleApiError(message, response.status);
  }
  if (parsed === undefined)
    throw new ConsoleApiError(`${method} ${API_BASE}${path}: not JSON`, response.status);
  return parsed as T;
}

const q = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const consoleApi = {
  session: () => request<SessionInfo>('GET', '/session'),
  login: (accessKeyId: string, secretAccessKey: string) =>
    request<void>('POST', '/session', { accessKeyId, secretAccessKey }),
  logout: () => request<void>('DELETE', '/session'),
  queues: () => request<{ queues: QueueSummary[] }>('GET', '/queues'),
  peek: (queue: string, search?: string, limit = 100) =>
    request<PeekAnswer>('GET', `/queues/${encodeURIComponent(queue)}/messages${q({ search, limit })}`),
  deliveryStats: (topic: string) =>
    request<DeliveryStats>('GET', `/topics/${encodeURIComponent(topic)}/delivery-stats`),
  expressExecutions: (stateMachineArn: string, limit = 100) =>
    request<{ executions: ExpressExecution[] }>('GET', `/express-executions${q({ stateMachineArn, limit })}`),
  expressHistory: (executionArn: string) =>
    request<{ events: unknown[] }>('GET', `/express-executions/history${q({ executionArn })}`),
};
