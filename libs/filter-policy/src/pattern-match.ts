import type { Pattern, Scalar } from './filter-policy.types';
import { parseIpAddress } from './ip-address';
import { exactNumberKey, quantize } from './numeric-value';

function inRange(steps: number, pattern: Extract<Pattern, { kind: 'numeric' }>): boolean {
  const { lower, lowerOpen, upper, upperOpen } = pattern.range;
  if (lower !== undefined && (lowerOpen ? steps <= lower : steps < lower)) return false;
  if (upper !== undefined && (upperOpen ? steps >= upper : steps > upper)) return false;
  return true;
}

function sameScalar(a: Scalar, b: Scalar): boolean {
  if (typeof a === 'number' && typeof b === 'number') return exactNumberKey(a) === exactNumberKey(b);
  return a === b;
}

/**
 * Whether one value of a present key satisfies one condition. `exists` is decided by the
 * caller, which knows whether the key is present at all.
 */
export function valueMatches(pattern: Pattern, value: Scalar): boolean {
  switch (pattern.kind) {
    case 'exact':
      return sameScalar(pattern.value, value);
    case 'prefix':
      return typeof value === 'string' && value.startsWith(pattern.value);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(pattern.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === pattern.value.toLowerCase();
    case 'anything-but':
      if (pattern.numeric) {
        // A numeric exclusion list only ever passes comparable numbers.
        if (typeof value !== 'number' || quantize(value) === undefined) return false;
        return !pattern.values.some((excluded) => sameScalar(excluded, value));
      }
      return typeof value !== 'string' || !pattern.values.includes(value);
    case 'anything-but-prefix':
      return typeof value !== 'string' || !value.startsWith(pattern.value);
    case 'numeric': {
      if (typeof value !== 'number') return false;
      const steps = quantize(value);
      return steps !== undefined && inRange(steps, pattern);
    }
    case 'cidr': {
      if (typeof value !== 'string') return false;
      const address = parseIpAddress(value);
      return (
        address !== undefined &&
        address.family === pattern.range.family &&
        address.value >= pattern.range.lower &&
        address.value <= pattern.range.upper
      );
    }
    case 'exists':
      return pattern.value;
  }
}
