import { history, START_EPOCH_MS } from '../test-support/history-events';
import { stateStatuses, statusOfState } from './state-status';

describe('stateStatuses', () => {
  it('gives succeeded, caught and failed states, and not-run for the others', () => {
    // A Map of two items whose Parallel fails in every iteration; the Map's Catch goes to Oops,
    // whose task fails too and is caught by a Fail state.
    const events = history([
      [1, 0, 'ExecutionStarted', 0],
      [2, 0, 'MapStateEntered', 1, { name: 'Each' }],
      [3, 2, 'MapStateStarted', 2, { length: 2 }],
      [4, 3, 'MapIterationStarted', 3, { name: 'Each', index: 0 }],
      [5, 3, 'MapIterationStarted', 3, { name: 'Each', index: 1 }],
      [6, 4, 'ParallelStateEntered', 4, { name: 'Both' }],
      [7, 6, 'ParallelStateStarted', 4],
      [8, 5, 'ParallelStateEntered', 4, { name: 'Both' }],
      [9, 8, 'ParallelStateStarted', 4],
      [10, 7, 'WaitStateEntered', 5, { name: 'A' }],
      [11, 7, 'TaskStateEntered', 5, { name: 'B' }],
      [12, 11, 'LambdaFunctionScheduled', 6],
      [13, 9, 'WaitStateEntered', 5, { name: 'A' }],
      [14, 9, 'TaskStateEntered', 5, { name: 'B' }],
      [15, 14, 'LambdaFunctionScheduled', 6],
      [16, 10, 'WaitStateExited', 7, { name: 'A' }],
      [17, 12, 'LambdaFunctionStarted', 7],
      [18, 17, 'LambdaFunctionFailed', 8, { error: 'Boom' }],
      [19, 13, 'WaitStateExited', 8, { name: 'A' }],
      [20, 15, 'LambdaFunctionStarted', 8],
      [21, 20, 'LambdaFunctionFailed', 9, { error: 'Boom' }],
      [22, 18, 'ParallelStateFailed', 10],
      [23, 22, 'MapIterationFailed', 10, { name: 'Each', index: 0 }],
      [24, 21, 'ParallelStateFailed', 10],
      [25, 24, 'MapIterationFailed', 10, { name: 'Each', index: 1 }],
      [26, 22, 'MapStateFailed', 11],
      [27, 26, 'MapStateExited', 11, { name: 'Each' }],
      [28, 27, 'TaskStateEntered', 12, { name: 'Oops' }],
      [29, 28, 'LambdaFunctionScheduled', 12],
      [30, 29, 'LambdaFunctionStarted', 12],
      [31, 30, 'LambdaFunctionFailed', 13, { error: 'Boom' }],
      [32, 31, 'TaskStateExited', 13, { name: 'Oops' }],
      [33, 32, 'FailStateEntered', 14, { name: 'Fin' }],
      [34, 33, 'ExecutionFailed', 14, { error: 'X' }],
    ]);
    const statuses = stateStatuses(events);
    expect(statuses).toEqual({
      Each: 'caught',
      Both: 'failed',
      A: 'succeeded',
      B: 'failed',
      Oops: 'caught',
      Fin: 'failed',
    });
    expect(statusOfState(statuses, 'Done')).toBe('not-run');
  });

  it('gives running and retrying while the execution runs', () => {
    const events = history([
      [1, 0, 'ExecutionStarted', 0],
      [2, 1, 'ParallelStateEntered', 0, { name: 'Both' }],
      [3, 2, 'ParallelStateStarted', 0],
      [4, 3, 'TaskStateEntered', 1, { name: 'Steady' }],
      [5, 4, 'TaskScheduled', 1],
      [6, 3, 'TaskStateEntered', 1, { name: 'Flaky' }],
      [7, 6, 'TaskScheduled', 2],
      [8, 7, 'TaskFailed', 3, { error: 'Boom' }],
      [9, 3, 'PassStateEntered', 1, { name: 'Quick' }],
      [10, 9, 'PassStateExited', 2, { name: 'Quick' }],
    ]);
    expect(stateStatuses(events, START_EPOCH_MS + 100)).toEqual({
      Both: 'running',
      Steady: 'running',
      Flaky: 'retrying',
      Quick: 'succeeded',
    });
  });

  it('shows the latest run of a state re-entered by a redrive', () => {
    const events = history([
      [1, 0, 'ExecutionStarted', 0],
      [2, 1, 'TaskStateEntered', 1, { name: 'Charge' }],
      [3, 2, 'TaskScheduled', 1],
      [4, 3, 'TaskFailed', 2, { error: 'Boom' }],
      [5, 4, 'ExecutionFailed', 2, { error: 'Boom' }],
      [6, 5, 'ExecutionRedriven', 10, { redriveCount: 1 }],
      [7, 6, 'TaskStateEntered', 11, { name: 'Charge' }],
      [8, 7, 'TaskScheduled', 11],
      [9, 8, 'TaskSucceeded', 12],
      [10, 9, 'TaskStateExited', 12, { name: 'Charge' }],
      [11, 10, 'ExecutionSucceeded', 13],
    ]);
    expect(stateStatuses(events)).toEqual({ Charge: 'succeeded' });
  });
});
