import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * States.MathAdd(a, b): the sum of two numbers, each within the 32-bit signed range AWS allows. AWS
 * first rounds each to the nearest integer, halves towards positive infinity (1.5 → 2, -1.5 → -1).
 */
export const statesMathAdd: IntrinsicFunction = {
  name: 'States.MathAdd',
  minArgs: 2,
  maxArgs: 2,
  evaluate([a, b]) {
    const x = arg.rounded(this.name, a, 0);
    const y = arg.rounded(this.name, b, 1);
    for (const v of [x, y]) {
      if (v < INT32_MIN || v > INT32_MAX) {
        throw intrinsicFailure(
          `Invalid arguments in ${this.name}: ${v} is outside the range ${INT32_MIN} to ${INT32_MAX}.`,
        );
      }
    }
    return x + y;
  },
};
