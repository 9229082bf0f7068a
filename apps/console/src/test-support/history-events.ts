import type { HistoryEventLike } from '../timeline/history-timeline';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

/**
 * Builds history events in GetExecutionHistory's shape: `[id, previousEventId, type, offsetMs,
 * details?]`, the details put in the member AWS names for the type.
 */
export function history(
  rows: [number, number, string, number, Record<string, unknown>?][],
): HistoryEventLike[] {
  return rows.map(([id, previousEventId, type, offsetMs, details]) => {
    const event: HistoryEventLike = { id, previousEventId, type, timestamp: new Date(T0 + offsetMs) };
    if (details) {
      const member = type.endsWith('StateEntered')
        ? 'stateEnteredEventDetails'
        : type.endsWith('StateExited')
          ? 'stateExitedEventDetails'
          : `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
      event[member] = details;
    }
    return event;
  });
}

export const START_EPOCH_MS = T0;
