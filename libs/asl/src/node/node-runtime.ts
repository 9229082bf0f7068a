import { createHash, randomUUID } from 'node:crypto';
import type { ExecutionRuntime } from '../driver/run-execution.types';
import type { HashAlgorithm } from '../step/runtime.types';

// The one place where ambient time, randomness, hashing and timers enter @switchyard/asl, kept out of
// its main entry point so that the interpreter itself loads anywhere JavaScript runs.

const NODE_DIGESTS: Record<HashAlgorithm, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** Hex digest with Node's crypto. */
export function nodeHash(algorithm: HashAlgorithm, text: string): string {
  return createHash(NODE_DIGESTS[algorithm]).update(text, 'utf8').digest('hex');
}

/** The system clock, Math.random, crypto UUIDs and digests, and real timers; override any by spreading. */
export function nodeRuntime(): ExecutionRuntime {
  return {
    now: () => new Date(),
    random: Math.random,
    uuid: randomUUID,
    hash: nodeHash,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  };
}
