import { MAX_REDRIVABLE_EVENTS, redriveRefusal } from './redrive-rules';

const DAY = 24 * 3600 * 1000;
const now = 1_000 * DAY;
const failed = { status: 'FAILED', started: String(now - 10 * DAY), stopped: String(now - DAY) };
const events = (n: number) => () => Promise.resolve(n);

describe('redrive rules', () => {
  it('allow a failed, aborted or timed-out execution stopped within 14 days, open under a year, with room in its history', async () => {
    for (const status of ['FAILED', 'ABORTED', 'TIMED_OUT'])
      expect(await redriveRefusal({ ...failed, status }, now, events(40))).toBeUndefined();
    expect(await redriveRefusal(failed, now, events(MAX_REDRIVABLE_EVENTS - 1))).toBeUndefined();
  });

  it.each([
    ['running', { status: 'RUNNING' }, /RUNNING and cannot be redriven/],
    ['succeeded', { status: 'SUCCEEDED' }, /SUCCEEDED and cannot be redriven/],
    ['stopped 15 days ago', { stopped: String(now - 15 * DAY) }, /stopped more than 14 days ago/],
    ['started over a year ago', { started: String(now - 366 * DAY) }, /started more than a year ago/],
  ])('refuse an execution %s', async (_what, change, reason) => {
    expect(await redriveRefusal({ ...failed, ...change }, now, events(40))).toMatch(reason);
  });

  it('refuse a history with no room for ExecutionRedriven and one more event under 25,000, and count it last', async () => {
    expect(await redriveRefusal(failed, now, events(MAX_REDRIVABLE_EVENTS))).toMatch(
      /history has 24999 events/,
    );
    const never = () => Promise.reject(new Error('not asked'));
    expect(await redriveRefusal({ ...failed, status: 'SUCCEEDED' }, now, never)).toMatch(/SUCCEEDED/);
  });
});
