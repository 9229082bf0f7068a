/** Time source for queue semantics (delays, visibility, retention); tests substitute their own. */
export abstract class Clock {
  abstract now(): number;
}

/** The wall clock. */
export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}
