import { intrinsicFailure } from '../errors/states-error';
import { isJsonObject } from '../json/json.types';
import { IntrinsicFunction } from './intrinsic.types';

/** States.JsonMerge(a, b, false): shallow merge, b's keys winning; deep merge is not supported by AWS. */
export const statesJsonMerge: IntrinsicFunction = {
  name: 'States.JsonMerge',
  minArgs: 3,
  maxArgs: 3,
  check(args) {
    const deep = args[2];
    if (deep.kind === 'literal' && deep.value !== false)
      return 'The third argument of States.JsonMerge must be false (deep merge is not supported).';
    return undefined;
  },
  evaluate([a, b, deep]) {
    if (!isJsonObject(a) || !isJsonObject(b))
      throw intrinsicFailure(`Invalid arguments in ${this.name}: both values must be JSON objects.`);
    if (deep !== false)
      throw intrinsicFailure(`Invalid arguments in ${this.name}: the deep-merge flag must be false.`);
    return { ...a, ...b };
  },
};
