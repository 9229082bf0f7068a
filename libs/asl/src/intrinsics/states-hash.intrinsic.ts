import { intrinsicFailure } from '../errors/states-error';
import { HashAlgorithm, StepRuntime } from '../step/runtime.types';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

const ALGORITHMS: readonly HashAlgorithm[] = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

function isAlgorithm(value: unknown): value is HashAlgorithm {
  return ALGORITHMS.includes(value as HashAlgorithm);
}

/** Hex digest of a string with one of AWS's algorithm names; shared with JSONata's `$hash`. */
export function hashHex(fn: string, data: unknown, algorithm: unknown, runtime: StepRuntime): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  arg.maxLength(fn, text, 10000);
  if (!isAlgorithm(algorithm)) {
    throw intrinsicFailure(
      `Invalid arguments in ${fn}: the hash algorithm must be one of ${ALGORITHMS.join(', ')}.`,
    );
  }
  return runtime.hash(algorithm, text);
}

/** States.Hash(data, algorithm): hex digest (MD5, SHA-1, SHA-256, SHA-384, SHA-512). */
export const statesHash: IntrinsicFunction = {
  name: 'States.Hash',
  minArgs: 2,
  maxArgs: 2,
  check(args) {
    const alg = args[1];
    if (alg.kind === 'literal' && !isAlgorithm(alg.value)) {
      return `The hash algorithm of States.Hash must be one of ${ALGORITHMS.join(', ')}.`;
    }
    return undefined;
  },
  evaluate([data, algorithm], runtime) {
    if (data === null || data === undefined)
      throw intrinsicFailure('Invalid arguments in States.Hash: the data must not be null.');
    return hashHex(this.name, data, algorithm, runtime);
  },
};
