/**
 * What became of each state of an execution, for colouring its graph: `not-run`, `running`,
 * `retrying` (a task attempt failed and a Retry waits for the next), `succeeded`, `failed`, or
 * `caught` (it failed and a Catch moved the execution on). A state inside a Map runs once per
 * iteration: it shows the most telling of its runs (retrying, running, failed, caught, succeeded).
 */
import { buildTimeline, HistoryEventLike, TimelineBar } from '../timeline/history-timeline';

export type StateStatus = 'not-run' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'caught';

const PRIORITY: Record<StateStatus, number> = {
  'not-run': 0,
  succeeded: 1,
  caught: 2,
  failed: 3,
  running: 4,
  retrying: 5,
};

/** The status of each state that ran, by state name; a state absent from the answer has not run. */
export function stateStatuses(
  events: readonly HistoryEventLike[],
  now: number = Date.now(),
): Record<string, StateStatus> {
  return statusesFromBars(buildTimeline(events, now).bars);
}

/** The same, from a timeline already built. */
export function statusesFromBars(bars: readonly TimelineBar[]): Record<string, StateStatus> {
  // Within one container (the top level, a branch, an iteration) the latest run of a state is what
  // counts: a redriven execution re-enters the state that failed.
  const latest = new Map<string, TimelineBar>();
  for (const bar of bars) {
    if (bar.kind !== 'state') continue;
    latest.set(`${bar.parentId ?? ''}\u0000${bar.state}`, bar);
  }
  const statuses: Record<string, StateStatus> = {};
  for (const bar of latest.values()) {
    const status: StateStatus = bar.status;
    const current = statuses[bar.state];
    if (!current || PRIORITY[status] > PRIORITY[current]) statuses[bar.state] = status;
  }
  return statuses;
}

/** The status of one state (`not-run` when it never ran). */
export function statusOfState(statuses: Record<string, StateStatus>, state: string): StateStatus {
  return statuses[state] ?? 'not-run';
}
