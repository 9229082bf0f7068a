import { type HistoryEvent, toAwsHistoryEvent } from '@switchyard/asl';

/** A history event as the history list keeps it: the engine's event and when it was recorded (ms). */
export interface StoredEvent extends HistoryEvent {
  readonly timestamp: number;
}

/** One event as the history list keeps it: JSON of `{id, previousEventId, type, stateName, details, timestamp}`. */
export function storeEvent(event: HistoryEvent, timestamp: number): string {
  return storeEvents([event], timestamp)[0];
}

/** Details members whose values are payloads: the same object often rides on several events. */
const PAYLOADS: ReadonlySet<string> = new Set(['input', 'output', 'parameters']);

/**
 * The events of one commit, recorded at `timestamp`, each as `storeEvent` writes it, byte for byte
 * what JSON.stringify writes. Written by hand so that what the events share is serialised once: a
 * payload object several events carry (a state's output is the next state's input, a Choice passes
 * its input on, a Parallel hands it to every branch) and the commit's time (a 13-digit number is
 * not a small integer, and turning it into text costs more than the rest of an event's envelope).
 */
export function storeEvents(events: readonly HistoryEvent[], timestamp: number): string[] {
  const payloads = new Map<unknown, string>();
  const json = (key: string, value: unknown): string => {
    if (!PAYLOADS.has(key) || typeof value !== 'object' || value === null) return JSON.stringify(value);
    let text = payloads.get(value);
    if (text === undefined) payloads.set(value, (text = JSON.stringify(value)));
    return text;
  };
  const time = `,"timestamp":${JSON.stringify(timestamp)}}`;
  return events.map((event) => {
    let text = event.id === undefined ? '{' : `{"id":${JSON.stringify(event.id)},`;
    if (event.previousEventId !== undefined)
      text += `"previousEventId":${JSON.stringify(event.previousEventId)},`;
    text += `"type":${JSON.stringify(event.type)}`;
    if (event.stateName !== undefined) text += `,"stateName":${JSON.stringify(event.stateName)}`;
    if (event.details !== undefined) {
      let details = '';
      for (const key of Object.keys(event.details)) {
        const value = event.details[key];
        if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
        details += `${details ? ',' : ''}${JSON.stringify(key)}:${json(key, value)}`;
      }
      text += `,"details":{${details}}`;
    }
    return text + time;
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
