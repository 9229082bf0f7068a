import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

/** States.ArrayGetItem(array, index): the item at a zero-based index. */
export const statesArrayGetItem: IntrinsicFunction = {
  name: 'States.ArrayGetItem',
  minArgs: 2,
  maxArgs: 2,
  evaluate([array, index]) {
    const items = arg.array(this.name, array, 0);
    const i = arg.integer(this.name, index, 1);
    if (i < 0 || i >= items.length) {
      throw intrinsicFailure(
        `Invalid arguments in ${this.name}: index ${i} is out of bounds for an array of ${items.length} items.`,
      );
    }
    return items[i];
  },
};
