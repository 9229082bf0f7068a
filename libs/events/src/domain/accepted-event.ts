import { randomUUID } from 'node:crypto';
import type { AcceptedEvent } from '../store/event-flow.store';
import { DEFAULT_BUS } from './event-names';

/** Times as events carry them: ISO 8601 to the second (`2015-11-11T21:29:54Z`). */
export function eventTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An event about to be accepted, its detail already JSON text (an object). */
export interface NewEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: string;
  readonly resources?: readonly string[];
  /** When it happened (ms); the time it is accepted otherwise. */
  readonly time?: number;
}

/** An event as accepted onto an account's bus at `now`, with its new id. */
export function acceptEvent(accountId: string, event: NewEvent, now: number): AcceptedEvent {
  return {
    account: accountId,
    bus: DEFAULT_BUS,
    id: randomUUID(),
    time: eventTime(event.time ?? now),
    source: event.source,
    detailType: event.detailType,
    resources: event.resources ?? [],
    detail: event.detail,
    acceptedAt: now,
  };
}

/** The event as rules match it and targets receive it, in EventBridge's member order. */
export function eventDocument(event: AcceptedEvent, region: string): Record<string, unknown> {
  return {
    version: '0',
    id: event.id,
    'detail-type': event.detailType,
    source: event.source,
    account: event.account,
    time: event.time,
    region,
    resources: event.resources,
    detail: JSON.parse(event.detail) as unknown,
  };
}
