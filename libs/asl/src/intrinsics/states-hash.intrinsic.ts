import { createHash } from 'node:crypto';
import { intrinsicFailure } from '../errors/states-error';
import { IntrinsicFunction } from './intrinsic.types';
import { arg } from './intrinsic-args';

const ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** Hex digest of a string with one of AWS's algorithm names; shared with JSONata's `$hash`. */
export function hashHex(fn: string, data: unknown, algorithm: unknown): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  arg.maxLength(fn, text, 10000);
  const name = typeof algorithm === 'string' ? ALGORITHMS[algorithm] : undefined;
  if (!name) {
    throw intrinsicFailure(
      `Invalid arguments in ${fn}: the hash algorithm must be one of ${Object.keys(ALGORITHMS).join(', ')}.`,
    );
  }
  return createHash(name).update(text, 'utf8').digest('hex');
}

/** States.Hash(data, algorithm): hex digest (MD5, SHA-1, SHA-256, SHA-384, SHA-512). */
export const statesHash: IntrinsicFunction = {
  name: 'States.Hash',
  minArgs: 2,
  maxArgs: 2,
  check(args) {
    const alg = args[1];
    if (alg.kind === 'literal' && (typeof alg.value !== 'string' || !ALGORITHMS[alg.value])) {
      return `The hash algorithm of States.Hash must be one of ${Object.keys(ALGORITHMS).join(', ')}.`;
    }
    return undefined;
  },
  evaluate([data, algorithm]) {
    if (data === null || data === undefined)
      throw intrinsicFailure('Invalid arguments in States.Hash: the data must not be null.');
    return hashHex(this.name, data, algorithm);
  },
};
