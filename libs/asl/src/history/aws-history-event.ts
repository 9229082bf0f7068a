import { HistoryEvent } from './history-event.types';

/** An event as GetExecutionHistory returns it, less the timestamp the recorder's caller adds. */
export interface AwsHistoryEvent {
  id: number;
  previousEventId: number;
  type: string;
  [detailsMember: string]: unknown;
}

/** The details member AWS names for an event type (`stateEnteredEventDetails`, `mapIterationStartedEventDetails`, …). */
export function detailsMember(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
}

const NOT_TRUNCATED = Object.freeze({ truncated: false });

/**
 * Writes a recorded event in AWS's shape. Payloads (`input`, `output`, `parameters`) stay JSON
 * values unless `dataAsText` is set, as the API sends them; each gets its `…Details` member, and
 * assigned variables are JSON text either way, as AWS records them.
 */
export function toAwsHistoryEvent(
  event: HistoryEvent,
  options: { dataAsText?: boolean } = {},
): AwsHistoryEvent {
  const out: AwsHistoryEvent = {
    id: event.id ?? 0,
    previousEventId: event.previousEventId ?? 0,
    type: event.type,
  };
  if (!event.details) return out;
  const text = (v: unknown) => (options.dataAsText ? JSON.stringify(v) : v);
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.details)) {
    if (value === undefined) continue;
    switch (key) {
      case 'input':
      case 'output':
        details[key] = text(value);
        details[`${key}Details`] = NOT_TRUNCATED;
        break;
      case 'parameters':
        details[key] = text(value);
        break;
      case 'assignedVariables':
        details[key] = Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([name, v]) => [name, JSON.stringify(v)]),
        );
        details.assignedVariablesDetails = NOT_TRUNCATED;
        break;
      default:
        details[key] = value;
    }
  }
  out[detailsMember(event.type)] = details;
  return out;
}
