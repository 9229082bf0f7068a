import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

/** States.ArrayLength(array): the number of items. */
export const statesArrayLength: IntrinsicFunction = {
  name: 'States.ArrayLength',
  minArgs: 1,
  maxArgs: 1,
  evaluate([array]) {
    return arg.array(this.name, array, 0).length;
  },
};
