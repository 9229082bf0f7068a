import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

const MAX_ITEMS = 1000;

/** States.ArrayRange(start, end, step): integers from start to end inclusive; at most 1000 of them. */
export const statesArrayRange: IntrinsicFunction = {
  name: 'States.ArrayRange',
  minArgs: 3,
  maxArgs: 3,
  evaluate([a, b, c]) {
    const start = arg.integer(this.name, a, 0);
    const end = arg.integer(this.name, b, 1);
    const step = arg.integer(this.name, c, 2);
    if (step === 0) throw intrinsicFailure(`Invalid arguments in ${this.name}: the step must not be 0.`);
    const count = Math.floor((end - start) / step) + 1;
    if (count > MAX_ITEMS) {
      throw intrinsicFailure(
        `Invalid arguments in ${this.name}: the range would have ${count} items; the maximum is ${MAX_ITEMS}.`,
      );
    }
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(start + i * step);
    return out;
  },
};
