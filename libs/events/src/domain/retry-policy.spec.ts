import { backoff, nextAttempt } from './retry-policy';

describe('the retry policy of a target', () => {
  const accepted = 1_000_000;

  it('backs off exponentially with jitter, up to five minutes', () => {
    expect([1, 2, 3].map((n) => backoff(n, 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((n) => backoff(n, 1))).toEqual([1000, 2000, 4000]);
    expect(backoff(40, 1)).toBe(300_000);
    expect(backoff(40, 0)).toBe(150_000);
  });

  it("retries up to MaximumRetryAttempts times (185 by default), within the event's age", () => {
    expect(nextAttempt(undefined, 1, accepted, accepted, 1)).toEqual({ due: accepted + 1000 });
    expect(nextAttempt(undefined, 185, accepted, accepted, 0)).toHaveProperty('due');
    expect(nextAttempt(undefined, 186, accepted, accepted, 0)).toEqual({ exhausted: 'MaximumRetryAttempts' });
    expect(nextAttempt({ MaximumRetryAttempts: 0 }, 1, accepted, accepted, 0)).toEqual({
      exhausted: 'MaximumRetryAttempts',
    });
    expect(nextAttempt({ MaximumRetryAttempts: 2 }, 2, accepted, accepted, 0)).toHaveProperty('due');
  });

  it('stops when the next try would come after MaximumEventAgeInSeconds (a day by default)', () => {
    const late = accepted + 60_000 - 100;
    expect(nextAttempt({ MaximumEventAgeInSeconds: 60 }, 1, accepted, late, 1)).toEqual({
      exhausted: 'MaximumEventAgeInSeconds',
    });
    expect(nextAttempt(undefined, 1, accepted, accepted + 86_400_000 - 100, 1)).toEqual({
      exhausted: 'MaximumEventAgeInSeconds',
    });
  });
});
