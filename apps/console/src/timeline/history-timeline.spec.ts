import { history, START_EPOCH_MS } from '../test-support/history-events';
import { buildTimeline, eventTime, TimelineBar } from './history-timeline';

const only = (bars: TimelineBar[], fields: (keyof TimelineBar)[]) =>
  bars.map((bar) => Object.fromEntries(fields.map((f) => [f, bar[f]])));

describe('buildTimeline', () => {
  it('draws two failed attempts, their backoffs and the successful one, in order', () => {
    const events = history([
      [1, 0, 'ExecutionStarted', 0, { input: '{}' }],
      [2, 1, 'TaskStateEntered', 10, { name: 'Charge', input: '{"amount":5}' }],
      [3, 2, 'TaskScheduled', 20, { resource: 'invoke', resourceType: 'lambda' }],
      [4, 3, 'TaskStarted', 25],
      [5, 4, 'TaskFailed', 120, { error: 'Timeout', cause: 'slow' }],
      [6, 5, 'TaskScheduled', 1120],
      [7, 6, 'TaskStarted', 1125],
      [8, 7, 'TaskFailed', 1220, { error: 'Timeout', cause: 'slow again' }],
      [9, 8, 'TaskScheduled', 3220],
      [10, 9, 'TaskStarted', 3225],
      [11, 10, 'TaskSucceeded', 3300, { output: '{"ok":true}' }],
      [12, 11, 'TaskStateExited', 3310, { name: 'Charge', output: '{"ok":true}' }],
      [13, 12, 'ExecutionSucceeded', 3320, { output: '{"ok":true}' }],
    ]);
    const timeline = buildTimeline(events, START_EPOCH_MS + 99_999);

    expect(timeline.running).toBe(false);
    expect(timeline.durationMs).toBe(3320);
    expect(only(timeline.bars, ['kind', 'label', 'startMs', 'durationMs', 'status', 'depth'])).toEqual([
      { kind: 'state', label: 'Charge', startMs: 10, durationMs: 3300, status: 'succeeded', depth: 0 },
      { kind: 'attempt', label: 'attempt 1', startMs: 20, durationMs: 100, status: 'failed', depth: 1 },
      { kind: 'backoff', label: 'backoff', startMs: 120, durationMs: 1000, status: 'succeeded', depth: 1 },
      { kind: 'attempt', label: 'attempt 2', startMs: 1120, durationMs: 100, status: 'failed', depth: 1 },
      { kind: 'backoff', label: 'backoff', startMs: 1220, durationMs: 2000, status: 'succeeded', depth: 1 },
      { kind: 'attempt', label: 'attempt 3', startMs: 3220, durationMs: 80, status: 'succeeded', depth: 1 },
    ]);
    const [state, ...inside] = timeline.bars;
    expect(inside.every((bar) => bar.parentId === state.id && bar.state === 'Charge')).toBe(true);
    // Attempts and backoffs tile the time from the first attempt to the last one's end.
    const total = inside.reduce((sum, bar) => sum + bar.durationMs, 0);
    expect(total).toBe(3300 - 20);
    for (let i = 1; i < inside.length; i++) {
      expect(inside[i].startMs).toBe(inside[i - 1].startMs + inside[i - 1].durationMs);
    }
    expect(state.input).toEqual({ amount: 5 });
    expect(state.output).toEqual({ ok: true });
    expect(inside[0].error).toBe('Timeout');
  });

  it('nests a Map of three iterations under the Map', () => {
    const events = history([
      [1, 0, 'ExecutionStarted', 0],
      [2, 1, 'MapStateEntered', 0, { name: 'Each', input: '[1,2,3]' }],
      [3, 2, 'MapStateStarted', 5, { length: 3 }],
      [4, 3, 'MapIterationStarted', 10, { name: 'Each', index: 0 }],
      [5, 3, 'MapIterationStarted', 10, { name: 'Each', index: 1 }],
      [6, 3, 'MapIterationStarted', 10, { name: 'Each', index: 2 }],
      [7, 4, 'PassStateEntered', 20, { name: 'Work', input: '1' }],
      [8, 5, 'PassStateEntered', 20, { name: 'Work', input: '2' }],
      [9, 6, 'PassStateEntered', 20, { name: 'Work', input: '3' }],
      [10, 8, 'PassStateExited', 50, { name: 'Work', output: '2' }],
      [11, 10, 'MapIterationSucceeded', 55, { name: 'Each', index: 1 }],
      [12, 7, 'PassStateExited', 80, { name: 'Work', output: '1' }],
      [13, 12, 'MapIterationSucceeded', 85, { name: 'Each', index: 0 }],
      [14, 9, 'PassStateExited', 100, { name: 'Work', output: '3' }],
      [15, 14, 'MapIterationSucceeded', 105, { name: 'Each', index: 2 }],
      [16, 15, 'MapStateSucceeded', 110],
      [17, 15, 'MapStateExited', 110, { name: 'Each', output: '[1,2,3]' }],
      [18, 17, 'ExecutionSucceeded', 120],
    ]);
    const { bars } = buildTimeline(events);
    expect(only(bars, ['kind', 'label', 'depth', 'startMs', 'durationMs'])).toEqual([
      { kind: 'state', label: 'Each', depth: 0, startMs: 0, durationMs: 110 },
      { kind: 'iteration', label: 'Iteration 0', depth: 1, startMs: 10, durationMs: 75 },
      { kind: 'state', label: 'Work', depth: 2, startMs: 20, durationMs: 60 },
      { kind: 'iteration', label: 'Iteration 1', depth: 1, startMs: 10, durationMs: 45 },
      { kind: 'state', label: 'Work', depth: 2, startMs: 20, durationMs: 30 },
      { kind: 'iteration', label: 'Iteration 2', depth: 1, startMs: 10, durationMs: 95 },
      { kind: 'state', label: 'Work', depth: 2, startMs: 20, durationMs: 80 },
    ]);
    const map = bars[0];
    const iterations = bars.filter((b) => b.kind === 'iteration');
    expect(iterations.map((b) => [b.parentId, b.state, b.index])).toEqual([
      [map.id, 'Each', 0],
      [map.id, 'Each', 1],
      [map.id, 'Each', 2],
    ]);
    expect(bars[2].parentId).toBe(iterations[0].id);
    expect(bars[2].output).toBe(1);
    expect(bars.every((b) => b.status === 'succeeded')).toBe(true);
  });

  it('nests the two branches of a Parallel under it, each ending with its last state', () => {
    const events = history([
      [1, 0, 'ExecutionStarted', 0],
      [2, 1, 'ParallelStateEntered', 0, { name: 'Both' }],
      [3, 2, 'ParallelStateStarted', 2],
      [4, 3, 'PassStateEntered', 5, { name: 'A' }],
      [5, 4, 'PassStateExited', 10, { name: 'A' }],
      [6, 5, 'PassStateEntered', 10, { name: 'A2' }],
      [7, 6, 'PassStateExited', 40, { name: 'A2' }],
      [8, 3, 'TaskStateEntered', 5, { name: 'B' }],
      [9, 8, 'TaskScheduled', 6],
      [10, 9, 'TaskStarted', 7],
      [11, 10, 'TaskSucceeded', 20],
      [12, 11, 'TaskStateExited', 21, { name: 'B' }],
      [13, 12, 'ParallelStateSucceeded', 45],
      [14, 12, 'ParallelStateExited', 45, { name: 'Both', output: '[1,2]' }],
      [15, 14, 'SucceedStateEntered', 46, { name: 'Done' }],
      [16, 15, 'SucceedStateExited', 46, { name: 'Done' }],
      [17, 16, 'ExecutionSucceeded', 47],
    ]);
    const { bars } = buildTimeline(events);
    expect(only(bars, ['kind', 'label', 'depth', 'startMs', 'durationMs'])).toEqual([
      { kind: 'state', label: 'Both', depth: 0, startMs: 0, durationMs: 45 },
      { kind: 'branch', label: 'Branch 1', depth: 1, startMs: 2, durationMs: 38 },
      { kind: 'state', label: 'A', depth: 2, startMs: 5, durationMs: 5 },
      { kind: 'state', label: 'A2', depth: 2, startMs: 10, durationMs: 30 },
      { kind: 'branch', label: 'Branch 2', depth: 1, startMs: 2, durationMs: 19 },
      { kind: 'state', label: 'B', depth: 2, startMs: 5, durationMs: 16 },
      { kind: 'attempt', label: 'attempt 1', depth: 3, startMs: 6, durationMs: 14 },
      { kind: 'state', label: 'Done', depth: 0, startMs: 46, durationMs: 0 },
    ]);
    expect(bars[1].parentId).toBe(bars[0].id);
    expect(bars[4].parentId).toBe(bars[0].id);
    expect(bars[5].parentId).toBe(bars[4].id);
    expect(bars[0].output).toEqual([1, 2]);
  });

  it('extends what still runs to now', () => {
    const events = history([
      [1, 0, 'ExecutionStarted', 0],
      [2, 1, 'PassStateEntered', 0, { name: 'First' }],
      [3, 2, 'PassStateExited', 100, { name: 'First' }],
      [4, 3, 'TaskStateEntered', 100, { name: 'Slow' }],
      [5, 4, 'TaskScheduled', 110],
      [6, 5, 'TaskStarted', 120],
    ]);
    const timeline = buildTimeline(events, START_EPOCH_MS + 5000);
    expect(timeline.running).toBe(true);
    expect(timeline.durationMs).toBe(5000);
    expect(only(timeline.bars, ['label', 'open', 'status', 'startMs', 'durationMs'])).toEqual([
      { label: 'First', open: false, status: 'succeeded', startMs: 0, durationMs: 100 },
      { label: 'Slow', open: true, status: 'running', startMs: 100, durationMs: 4900 },
      { label: 'attempt 1', open: true, status: 'running', startMs: 110, durationMs: 4890 },
    ]);
  });

  it('shows a running state waiting for its retry as retrying, its backoff so far drawn', () => {
    const events = history([
      [1, 0, 'ExecutionStarted', 0],
      [2, 1, 'TaskStateEntered', 0, { name: 'Flaky' }],
      [3, 2, 'LambdaFunctionScheduled', 10],
      [4, 3, 'LambdaFunctionStarted', 11],
      [5, 4, 'LambdaFunctionFailed', 50, { error: 'Boom' }],
    ]);
    const { bars } = buildTimeline(events, START_EPOCH_MS + 1050);
    expect(only(bars, ['kind', 'status', 'startMs', 'durationMs', 'open'])).toEqual([
      { kind: 'state', status: 'retrying', startMs: 0, durationMs: 1050, open: true },
      { kind: 'attempt', status: 'failed', startMs: 10, durationMs: 40, open: false },
      { kind: 'backoff', status: 'running', startMs: 50, durationMs: 1000, open: true },
    ]);
  });

  it('marks a failure a Catch took as caught and an uncaught one as failed', () => {
    const events = history([
      [1, 0, 'ExecutionStarted', 0],
      [2, 1, 'TaskStateEntered', 0, { name: 'Try' }],
      [3, 2, 'TaskScheduled', 1],
      [4, 3, 'TaskFailed', 2, { error: 'Boom', cause: 'bad' }],
      [5, 4, 'TaskStateExited', 3, { name: 'Try', output: '{"Error":"Boom"}' }],
      [6, 5, 'FailStateEntered', 4, { name: 'Give up' }],
      [7, 6, 'ExecutionFailed', 5, { error: 'X' }],
    ]);
    const { bars, running } = buildTimeline(events);
    expect(running).toBe(false);
    expect(bars.filter((b) => b.kind === 'state').map((b) => [b.label, b.status])).toEqual([
      ['Try', 'caught'],
      ['Give up', 'failed'],
    ]);
    expect(bars[0].error).toBe('Boom');
  });

  it('reads timestamps as Dates, epoch seconds or ISO text', () => {
    expect(eventTime({ id: 1, type: 'X', timestamp: new Date(1500) })).toBe(1500);
    expect(eventTime({ id: 1, type: 'X', timestamp: 1.5 })).toBe(1500);
    expect(eventTime({ id: 1, type: 'X', timestamp: '1970-01-01T00:00:01.500Z' })).toBe(1500);
  });
});
