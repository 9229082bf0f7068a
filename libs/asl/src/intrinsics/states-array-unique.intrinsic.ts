import { jsonEquals } from '../json/json.types';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

/** States.ArrayUnique(array): the items without duplicates, first occurrence kept. */
export const statesArrayUnique: IntrinsicFunction = {
  name: 'States.ArrayUnique',
  minArgs: 1,
  maxArgs: 1,
  evaluate([array]) {
    const out: unknown[] = [];
    for (const item of arg.array(this.name, array, 0)) {
      if (!out.some((seen) => jsonEquals(seen, item))) out.push(item);
    }
    return out;
  },
};
