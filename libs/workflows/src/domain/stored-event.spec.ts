import type { HistoryEvent } from '@switchyard/asl';
import { storeEvent, storeEvents } from './stored-event';

/** What the history list has always kept: JSON.stringify of the event with its time. */
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

  it.each([1_796_627_535_743, 0, 1.5])(
    'are written byte for byte as JSON.stringify writes them (time %p)',
    (t) => {
      expect(storeEvents(events, t)).toEqual(events.map((e) => asJson(e, t)));
      expect(events.map((e) => storeEvent(e, t))).toEqual(events.map((e) => asJson(e, t)));
    },
  );

  it('read back as the events they were', () => {
    for (const text of storeEvents(events, 5)) expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(JSON.parse(storeEvents(events, 5)[2])).toEqual({
      id: 3,
      previousEventId: 2,
      type: 'PassStateExited',
      stateName: 'A',
      details: { name: 'A', output: shared, assignedVariables: { x: 1 } },
      timestamp: 5,
    });
  });
});
