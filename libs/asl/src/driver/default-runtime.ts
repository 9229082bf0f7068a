import { randomUUID } from 'node:crypto';
import { StepRuntime } from '../step/runtime.types';

// The one place where ambient time, randomness and timers enter the library. `runExecution` uses
// these only when its caller does not inject its own; `step()` never touches them.

/** Real timers: resolves after `ms` milliseconds. */
export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    globalThis.setTimeout(resolve, Math.max(0, ms));
  });
}

/** The ambient clock, Math.random and crypto UUIDs, each replaceable by the caller. */
export function defaultRuntime(overrides: Partial<StepRuntime>): StepRuntime {
  return {
    now: overrides.now ?? (() => new Date()),
    random: overrides.random ?? Math.random,
    uuid: overrides.uuid ?? randomUUID,
  };
}
