/** The time source of every feature (delays, visibility, retention, deadlines); tests substitute their own. */
export abstract class Clock {
  /** Milliseconds since the epoch. */
  abstract now(): number;
}

/** The wall clock: the one place that reads the system time. */
export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}
