import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** States.MathAdd(a, b): the sum of two integers, each within the 32-bit signed range AWS allows. */
export const statesMathAdd: IntrinsicFunction = {
  name: 'States.MathAdd',
  minArgs: 2,
  maxArgs: 2,
  evaluate([a, b]) {
    const x = arg.integer(this.name, a, 0);
    const y = arg.integer(this.name, b, 1);
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
