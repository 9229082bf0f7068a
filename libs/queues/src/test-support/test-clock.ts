import { Clock } from '@switchyard/runtime';

/** A fixed instant the test clock starts at (2027-01-15), far from the wall clock on purpose. */
export const TEST_EPOCH_MS = 1_800_000_000_000;

/** A clock that stands still until the test moves it: delays, visibility, purges and cooldowns on demand. */
export class TestClock extends Clock {
  private time: number;

  constructor(startMs = TEST_EPOCH_MS) {
    super();
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  /** Moves time forward; a test clock never goes back, as the wall clock the code expects does not. */
  advance(ms: number): void {
    if (ms < 0) throw new Error(`the test clock only moves forward, not by ${ms} ms`);
    this.time += ms;
  }

  advanceSeconds(seconds: number): void {
    this.advance(seconds * 1000);
  }
}
