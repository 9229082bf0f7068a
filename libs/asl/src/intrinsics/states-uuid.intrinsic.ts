import { IntrinsicFunction } from './intrinsic.types';

/** States.UUID(): a version 4 UUID from the caller's generator. */
export const statesUuid: IntrinsicFunction = {
  name: 'States.UUID',
  minArgs: 0,
  maxArgs: 0,
  evaluate(_args, runtime) {
    return runtime.uuid();
  },
};
