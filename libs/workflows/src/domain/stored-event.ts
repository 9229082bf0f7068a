import { type HistoryEvent, toAwsHistoryEvent } from '@switchyard/asl';

/** A history event as the history list keeps it: the engine's event and when it was recorded (ms). */
export interface StoredEvent extends HistoryEvent {
  readonly timestamp: number;
}

/**
 * One event as the history list keeps it: the JSON array `[id, previousEventId, type, stateName,
 * timestamp, details]`, null for what the event lacks. (Lists written before kept JSON objects with
 * those names; `storedEventOf` reads both.) Positions instead of names keep about a quarter of
 * every history's bytes out of Redis, its append-only file and the Lua step that appends them.
 */
export function storeEvent(event: HistoryEvent, timestamp: number): string {
  return storeEvents([event], timestamp)[0];
}

/** Details members whose values are payloads: the same object often rides on several events. */
const PAYLOADS: ReadonlySet<string> = new Set(['input', 'output', 'parameters']);

/**
 * Names as JSON text, made once: event types and details members are the engine's own few names,
 * and a state's name repeats on its every event.
 */
const NAME_TEXT = new Map<string, string>();
const MAX_NAMES_KEPT = 10_000;

function nameText(name: string): string {
  let text = NAME_TEXT.get(name);
  if (text === undefined) {
    text = JSON.stringify(name);
    if (NAME_TEXT.size < MAX_NAMES_KEPT) NAME_TEXT.set(name, text);
  }
  return text;
}

/** An event id as JSON: a whole number or null. */
const idText = (id: number | undefined): string => (id === undefined ? 'null' : String(id));

/**
 * The events of one commit, recorded at `timestamp`, each as `storeEvent` writes it. Written by hand
 * so that what the events share is serialised once: a payload object several events carry (a
 * state's output is the next state's input, a Choice passes its input on, a Parallel hands it to
 * every branch), the commit's time (a 13-digit number is not a small integer, and turning it into
 * text costs more than the rest of an event's envelope) and the names (NAME_TEXT).
 */
export function storeEvents(events: readonly HistoryEvent[], timestamp: number): string[] {
  const payloads = new Map<unknown, string>();
  const json = (key: string, value: unknown): string => {
    if (!PAYLOADS.has(key) || typeof value !== 'object' || value === null) return JSON.stringify(value);
    let text = payloads.get(value);
    if (text === undefined) payloads.set(value, (text = JSON.stringify(value)));
    return text;
  };
  const time = `,${JSON.stringify(timestamp)},`;
  const out: string[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const stateName = event.stateName === undefined ? 'null' : nameText(event.stateName);
    const text = `[${idText(event.id)},${idText(event.previousEventId)},${nameText(event.type)},${stateName}${time}`;
    if (event.details === undefined) {
      out[i] = `${text}null]`;
      continue;
    }
    let details = '';
    for (const key of Object.keys(event.details)) {
      const value = event.details[key];
      if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
      details += `${details ? ',' : ''}${nameText(key)}:${json(key, value)}`;
    }
    out[i] = `${text}{${details}}]`;
  }
  return out;
}

/** An event as `storeEvent` wrote it (or as lists written before kept it), parsed. */
export function storedEventOf(value: unknown): StoredEvent {
  if (!Array.isArray(value)) return value as StoredEvent;
  const [id, previousEventId, type, stateName, timestamp, details] = value as [
    number | null,
    number | null,
    StoredEvent['type'],
    string | null,
    number,
    Record<string, unknown> | null,
  ];
  return {
    ...(id === null ? {} : { id }),
    ...(previousEventId === null ? {} : { previousEventId }),
    type,
    ...(stateName === null ? {} : { stateName }),
    ...(details === null ? {} : { details }),
    timestamp,
  };
}

/** A stored event as GetExecutionHistory answers it; without payloads unless `includeData`. */
export function awsEventOf(text: string, includeData: boolean): Record<string, unknown> {
  return awsEventOfStored(storedEventOf(JSON.parse(text)), includeData);
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
