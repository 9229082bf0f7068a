import { IntrinsicFunction } from './intrinsic.types';

/** States.JsonToString(path): serialises the selected value. */
export const statesJsonToString: IntrinsicFunction = {
  name: 'States.JsonToString',
  minArgs: 1,
  maxArgs: 1,
  check(args) {
    return args[0].kind === 'path' ? undefined : 'The argument of States.JsonToString must be a path.';
  },
  evaluate([value]) {
    return JSON.stringify(value);
  },
};
