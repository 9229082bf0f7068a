import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

/** States.ArrayPartition(array, size): chunks of `size` items, the last one possibly shorter. */
export const statesArrayPartition: IntrinsicFunction = {
  name: 'States.ArrayPartition',
  minArgs: 2,
  maxArgs: 2,
  evaluate([array, size]) {
    const items = arg.array(this.name, array, 0);
    const chunk = arg.integer(this.name, size, 1);
    if (chunk <= 0)
      throw intrinsicFailure(`Invalid arguments in ${this.name}: the chunk size must be a positive integer.`);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += chunk) out.push(items.slice(i, i + chunk));
    return out;
  },
};
