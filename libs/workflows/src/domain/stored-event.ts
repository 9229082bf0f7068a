import { type HistoryEvent, toAwsHistoryEvent } from '@switchyard/asl';

/** A history event as the history list keeps it: the engine's event and when it was recorded (ms). */
export interface StoredEvent extends HistoryEvent {
  readonly timestamp: number;
}

export function storeEvent(event: HistoryEvent, timestamp: number): string {
  return JSON.stringify({
    id: event.id,
    previousEventId: event.previousEventId,
    type: event.type,
    stateName: event.stateName,
    details: event.details,
    timestamp,
  });
}

/** A stored event as GetExecutionHistory answers it; without payloads unless `includeData`. */
export function awsEventOf(text: string, includeData: boolean): Record<string, unknown> {
  return awsEventOfStored(JSON.parse(text) as StoredEvent, includeData);
}

/** A stored event, already parsed, as GetExecutionHistory answers it. */
export function awsEventOfStored(event: StoredEvent, includeData: boolean): Record<string, unknown> {
  const details = event.details && !includeData ? withoutData(event.details) : event.details;
  const aws = toAwsHistoryEvent({ ...event, details }, { dataAsText: true });
  return { timestamp: new Date(event.timestamp), ...aws };
}

/** Event details less their payloads, as `includeExecutionData: false` asks. */
function withoutData(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details))
    if (k !== 'input' && k !== 'output' && k !== 'parameters') out[k] = v;
  return out;
}
