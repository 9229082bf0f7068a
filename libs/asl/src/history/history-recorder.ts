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
  /** The type of event `lastEventId`, for a recorder that does not hold that event (a resumed execution's). */
  lastEventType?: HistoryEventType;
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

  /** @param firstId the id of the first event this recorder records (a resumed execution's next one). */
  constructor(private readonly firstId = 1) {}

  /** The id the next recorded event gets. */
  get nextEventId(): number {
    return this.firstId + this.events.length;
  }

  /** The type of the thread's last event, from this recorder or as the thread remembers it. */
  private lastTypeOf(thread: HistoryThread): HistoryEventType | undefined {
    const held = this.events[thread.lastEventId - this.firstId];
    return held ? held.type : thread.lastEventType;
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
          ? this.lastTypeOf(thread) === 'WaitStateEntered'
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
        id: this.nextEventId,
        previousEventId,
      };
      this.events.push(withId);
      recorded.push(withId);
      if (keeps) thread.lastRecordedId = withId.id!;
      else {
        thread.lastEventId = withId.id!;
        thread.lastEventType = withId.type;
        thread.lastRecordedId = undefined;
      }
    }
    return recorded;
  }
}
