import { HistoryEvent, HistoryEventType } from './history-event.types';

/**
 * One line of events within an execution: the top level, a Parallel branch or a Map iteration.
 * Each event's `previousEventId` is the thread's last event.
 */
export interface HistoryThread {
  lastEventId: number;
  /** The event the thread's current state was entered after (its `…StateEntered` event's link). */
  enteredAfter?: number;
}

/**
 * Events AWS links to their thread's last event without becoming it: the next event of the thread
 * links to the same event as they do (e.g. `MapStateExited` after `MapStateSucceeded`, the next
 * `MapIterationStarted` after `MapIterationSucceeded`).
 */
const KEEPS_POSITION: ReadonlySet<HistoryEventType> = new Set<HistoryEventType>([
  'MapStateSucceeded',
  'ParallelStateSucceeded',
  'MapIterationSucceeded',
  'MapIterationFailed',
  'MapIterationAborted',
]);

/** Gives events their ids in the order they are recorded and links each to its thread's last one. */
export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];

  /** The id the next recorded event gets. */
  get nextEventId(): number {
    return this.events.length + 1;
  }

  /** Records `events` in order on `thread`; returns them with their ids. */
  record(events: readonly HistoryEvent[], thread: HistoryThread): HistoryEvent[] {
    const recorded: HistoryEvent[] = [];
    for (const event of events) {
      // AWS links EvaluationFailed to the event the failing state was entered after, not to its entry.
      const previousEventId =
        event.type === 'EvaluationFailed' ? (thread.enteredAfter ?? thread.lastEventId) : thread.lastEventId;
      if (event.type.endsWith('StateEntered')) thread.enteredAfter = thread.lastEventId;
      // Built field by field: spreading events of varying shapes costs more than the rest of a step.
      const withId: HistoryEvent = {
        type: event.type,
        stateName: event.stateName,
        details: event.details,
        id: this.events.length + 1,
        previousEventId,
      };
      this.events.push(withId);
      recorded.push(withId);
      if (!KEEPS_POSITION.has(event.type)) thread.lastEventId = withId.id!;
    }
    return recorded;
  }
}
