import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

// A seeded call must give the same number every time; mulberry32 is small and well distributed.
function seeded(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** States.MathRandom(start, end[, seed]): an integer in [start, end). */
export const statesMathRandom: IntrinsicFunction = {
  name: 'States.MathRandom',
  minArgs: 2,
  maxArgs: 3,
  evaluate([a, b, seed], runtime) {
    // AWS accepts decimal bounds (12.5, 44.51), read like MathAdd's.
    const start = arg.rounded(this.name, a, 0);
    const end = arg.rounded(this.name, b, 1);
    if (end <= start)
      throw intrinsicFailure(`Invalid arguments in ${this.name}: the end must be greater than the start.`);
    const r = seed === undefined ? runtime.random() : seeded(arg.integer(this.name, seed, 2));
    return start + Math.floor(r * (end - start));
  },
};
