/**
 * Node's runtime for `@switchyard/asl`: the clock, randomness, UUIDs, digests and timers that
 * `runExecution` takes from its caller.
 */
export { nodeRuntime } from './node-runtime';
