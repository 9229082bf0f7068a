import type { HistoryEvent } from '@switchyard/asl';
import { awsEventOf, storeEvent, storeEvents, storedEventOf } from './stored-event';

/** What history lists kept before events were arrays: JSON.stringify of the event with its time. */
const asJson = (e: HistoryEvent, timestamp: number) =>
  JSON.stringify({
    id: e.id,
    previousEventId: e.previousEventId,
    type: e.type,
    stateName: e.stateName,
    details: e.details,
    timestamp,
  });

describe('stored events', () => {
  const shared = { orderId: 'o-1', lines: [{ sku: 'A "quoted"', qty: 2.5 }], note: 'line\nbreak é \u2028' };
  const events: HistoryEvent[] = [
    { id: 1, previousEventId: 0, type: 'ExecutionStarted', details: { input: shared, roleArn: 'r' } },
    {
      id: 2,
      previousEventId: 1,
      type: 'PassStateEntered',
      stateName: 'A',
      details: { name: 'A', input: shared },
    },
    {
      id: 3,
      previousEventId: 2,
      type: 'PassStateExited',
      stateName: 'A',
      details: { name: 'A', output: shared, assignedVariables: { x: 1 }, skipped: undefined },
    },
    {
      id: 4,
      previousEventId: 3,
      type: 'ChoiceStateEntered',
      stateName: 'Q"uote',
      details: { name: 'Q"uote', input: null },
    },
    { id: 5, previousEventId: 4, type: 'MapStateStarted', stateName: 'M', details: { length: 3 } },
    { id: 6, previousEventId: 5, type: 'ParallelStateStarted', stateName: 'P' },
    {
      id: 7,
      type: 'TaskScheduled',
      details: { parameters: 'text', input: [1, 'two'], output: 7, cause: '' },
    },
    { type: 'ExecutionSucceeded', details: { output: shared } },
    { id: 9, previousEventId: 8, type: 'ExecutionFailed', details: {} },
  ];

  /** The event as it was recorded, as a reader gets it back. */
  const recorded = (e: HistoryEvent, timestamp: number) => JSON.parse(asJson(e, timestamp)) as unknown;

  it.each([1_796_627_535_743, 0, 1.5])('read back as the events they were (time %p)', (t) => {
    const texts = storeEvents(events, t);
    expect(texts.map((text) => storedEventOf(JSON.parse(text)))).toEqual(events.map((e) => recorded(e, t)));
    expect(events.map((e) => storeEvent(e, t))).toEqual(texts);
  });

  it('are written as arrays, positions for names, null for what an event lacks', () => {
    expect(storeEvents(events, 5)[5]).toBe('[6,5,"ParallelStateStarted","P",5,null]');
    expect(storeEvents(events, 5)[7]).toBe(
      `[null,null,"ExecutionSucceeded",null,5,{"output":${JSON.stringify(shared)}}]`,
    );
    const all = storeEvents(events, 5).join('').length;
    expect(all).toBeLessThan(events.map((e) => asJson(e, 5)).join('').length - 40 * events.length);
  });

  it('read as before from lists written as JSON objects', () => {
    for (const e of events) expect(storedEventOf(recorded(e, 7))).toEqual(recorded(e, 7));
    expect(awsEventOf(asJson(events[1], 7), true)).toEqual(awsEventOf(storeEvent(events[1], 7), true));
    expect(awsEventOf(storeEvent(events[1], 7), true)).toMatchObject({
      id: 2,
      previousEventId: 1,
      type: 'PassStateEntered',
      timestamp: new Date(7),
      stateEnteredEventDetails: { name: 'A', input: JSON.stringify(shared) },
    });
  });
});
