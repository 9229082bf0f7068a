import { IntrinsicFunction } from './intrinsic.types';

/** States.Array(values…): an array of the arguments. */
export const statesArray: IntrinsicFunction = {
  name: 'States.Array',
  minArgs: 0,
  maxArgs: Infinity,
  evaluate(values) {
    return values;
  },
};
