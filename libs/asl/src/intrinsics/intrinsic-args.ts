import { intrinsicFailure } from '../errors/states-error';
import { jsonTypeName } from '../json/json.types';

/** Argument checks shared by the intrinsic functions; each throws States.IntrinsicFailure. */
export const arg = {
  string(fn: string, value: unknown, position: number): string {
    if (typeof value !== 'string') throw bad(fn, position, 'a string', value);
    return value;
  },
  number(fn: string, value: unknown, position: number): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(fn, position, 'a number', value);
    return value;
  },
  integer(fn: string, value: unknown, position: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw bad(fn, position, 'an integer', value);
    return value;
  },
  /**
   * A number rounded to the nearest integer, halves towards positive infinity (Java's Math.round), as
   * AWS reads the numbers of States.MathAdd and States.MathRandom; `+ 0` turns JavaScript's -0 into 0.
   */
  rounded(fn: string, value: unknown, position: number): number {
    return Math.round(arg.number(fn, value, position)) + 0;
  },
  array(fn: string, value: unknown, position: number): unknown[] {
    if (!Array.isArray(value)) throw bad(fn, position, 'an array', value);
    return value;
  },
  maxLength(fn: string, value: string, max: number): void {
    if (value.length > max) {
      throw intrinsicFailure(`The input string for ${fn} exceeds the maximum length of ${max} characters.`);
    }
  },
};

function bad(fn: string, position: number, expected: string, value: unknown) {
  return intrinsicFailure(
    `Invalid arguments in ${fn}: argument ${position + 1} must be ${expected}, but received ${jsonTypeName(value)} ${JSON.stringify(value)}.`,
  );
}
