import { StatesError } from '../errors/states-error';
import { hashHex } from '../intrinsics/states-hash.intrinsic';
import { StepRuntime } from '../step/runtime.types';

function fail(message: string): never {
  throw new StatesError('States.QueryEvaluationError', message);
}

/**
 * The functions AWS adds to JSONata, plus replacements for JSONata's own clock and random
 * functions so that every answer comes from the caller's runtime.
 */
export function awsJsonataBindings(runtime: StepRuntime): Record<string, unknown> {
  return {
    partition(array: unknown, size: unknown) {
      if (!Array.isArray(array)) fail('$partition: the first argument must be an array');
      if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0)
        fail('$partition: the chunk size must be a positive integer');
      const out: unknown[][] = [];
      for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
      return out;
    },
    range(start: unknown, end: unknown, step: unknown) {
      if (![start, end, step].every((v) => typeof v === 'number' && Number.isInteger(v)))
        fail('$range: arguments must be integers');
      const [a, b, s] = [start, end, step] as number[];
      if (s === 0) fail('$range: the step must not be 0');
      const count = Math.floor((b - a) / s) + 1;
      if (count > 1000) fail('$range: the range would exceed 1000 items');
      // A JSONata sequence, as AWS's $range returns: one number stands alone ($range(1, 9, 9) is 1).
      const out: number[] & { sequence?: boolean } = [];
      for (let i = 0; i < count; i++) out.push(a + i * s);
      out.sequence = true;
      return out;
    },
    hash(value: unknown, algorithm: unknown) {
      return hashHex('$hash', value, algorithm, runtime);
    },
    random(seed?: unknown) {
      if (seed === undefined) return runtime.random();
      if (typeof seed !== 'number' || !Number.isInteger(seed)) fail('$random: the seed must be an integer');
      let t = (seed + 0x6d2b79f5) | 0;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    uuid() {
      return runtime.uuid();
    },
    parse(text: unknown) {
      if (typeof text !== 'string') fail('$parse: the argument must be a string');
      try {
        return JSON.parse(text);
      } catch {
        fail(`$parse: '${text}' is not valid JSON`);
      }
    },
    now() {
      return runtime.now().toISOString();
    },
    millis() {
      return runtime.now().getTime();
    },
  };
}

/** Names a workflow variable may not take in JSONata because they would hide a function. */
export const RESERVED_JSONATA_NAMES = new Set([
  'states',
  'partition',
  'range',
  'hash',
  'random',
  'uuid',
  'parse',
  'now',
  'millis',
]);
