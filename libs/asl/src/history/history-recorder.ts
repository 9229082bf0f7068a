import { HistoryEvent, HistoryEventType } from './history-event.types';

/**
 * One line of events within an execution: the top level, a Parallel branch or a Map iteration.
 * Each event's `previousEventId` is the thread's last event.
 */
export interface HistoryThread {
  lastEventId: number;
  /** The event the thread's current state was entered after (its `…StateEntered` event's link). */
  enteredAfter?: number;
  /** The thread's last recorded event when it is one that kept the position (see KEEPS_POSITION). */
  lastRecordedId?: number;
}

/**
 * Events AWS links to the event recorded just before them without becoming the thread's position:
 * the next ordinary event links past them (e.g. `MapStateExited` after `MapStateSucceeded`, the
 * next `MapIterationStarted` after `MapIterationSucceeded`). A Distributed Map's join records
 * MapRunSucceeded (after MapRunStarted), MapStateSucceeded (after MapRunSucceeded), then
 * MapStateExited after MapRunStarted.
 */
const KEEPS_POSITION: ReadonlySet<HistoryEventType> = new Set<HistoryEventType>([
  'MapRunSucceeded',
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
      // AWS links EvaluationFailed to the event the failing state was entered after, not to its
      // entry; a Wait state's fields are read once its entry is recorded, so there it follows WaitStateEntered.
      const keeps = KEEPS_POSITION.has(event.type);
      const previousEventId =
        event.type === 'EvaluationFailed'
          ? this.events[thread.lastEventId - 1]?.type === 'WaitStateEntered'
            ? thread.lastEventId
            : (thread.enteredAfter ?? thread.lastEventId)
          : keeps
            ? (thread.lastRecordedId ?? thread.lastEventId)
            : thread.lastEventId;
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
      if (keeps) thread.lastRecordedId = withId.id!;
      else {
        thread.lastEventId = withId.id!;
        thread.lastRecordedId = undefined;
      }
    }
    return recorded;
  }
}
