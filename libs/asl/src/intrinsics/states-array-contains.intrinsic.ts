import { jsonEquals } from '../json/json.types';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

/** States.ArrayContains(array, value): whether the array holds an equal value. */
export const statesArrayContains: IntrinsicFunction = {
  name: 'States.ArrayContains',
  minArgs: 2,
  maxArgs: 2,
  evaluate([array, value]) {
    return arg.array(this.name, array, 0).some((item) => jsonEquals(item, value));
  },
};
