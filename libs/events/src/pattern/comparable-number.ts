import type { ComparableNumber } from './pattern.types';

/** EventBridge compares numbers between -5e9 and 5e9 only (its rule engine's range). */
export const NUMERIC_BOUND = 5e9;
const MILLIONTHS = 1e6;

/**
 * A number as EventBridge compares it: a count of millionths (six digits after the point), or
 * undefined outside [-5e9, 5e9], where a number only equals itself.
 */
export function comparable(value: number): ComparableNumber | undefined {
  if (!Number.isFinite(value) || value < -NUMERIC_BOUND || value > NUMERIC_BOUND) return undefined;
  const units = Math.round(value * MILLIONTHS);
  return units === 0 ? 0 : units; // no -0, so Set membership and === agree
}

/** How Java prints the bound in the rule compiler's message: `-5.0E9`. */
function javaDouble(value: number): string {
  return value
    .toExponential()
    .replace(/e\+?/, 'E')
    .replace(/^(-?\d)E/, '$1.0E');
}

/** The reason EventBridge gives for a number it cannot compare. */
export const OUT_OF_RANGE = `Value must be between ${javaDouble(-NUMERIC_BOUND)} and ${javaDouble(NUMERIC_BOUND)}, inclusive`;
