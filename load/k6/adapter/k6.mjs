// The `k6` module for the adapter: check, sleep, group, fail.
import { Rate } from './metrics.mjs';

const checks = new Rate('checks');

export function check(value, conditions) {
  let all = true;
  for (const condition of Object.values(conditions)) {
    let ok;
    try {
      ok = Boolean(typeof condition === 'function' ? condition(value) : condition);
    } catch {
      ok = false;
    }
    checks.add(ok);
    all &&= ok;
  }
  return all;
}

export function sleep(seconds) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
}

export function group(_name, fn) {
  return fn();
}

export function fail(message) {
  throw new Error(message);
}
