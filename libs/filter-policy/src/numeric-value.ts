// SNS compares numbers between -1e9 and 1e9 with five digits after the decimal point, so
// numbers are compared as integers counting hundred-thousandths; values outside the range
// can only ever match the same literal number exactly.

/** The largest magnitude SNS compares numerically. */
export const NUMERIC_LIMIT = 1e9;
const STEPS_PER_UNIT = 1e5;

/** The number as an integer of hundred-thousandths, or undefined when SNS cannot compare it. */
export function quantize(value: number): number | undefined {
  if (!Number.isFinite(value) || value < -NUMERIC_LIMIT || value > NUMERIC_LIMIT) return undefined;
  const steps = Math.round(value * STEPS_PER_UNIT);
  return steps === 0 ? 0 : steps; // no -0, so that Map keys and === agree
}

/** A key equal for two numbers exactly when an SNS exact match treats them as equal. */
export function exactNumberKey(value: number): number | string {
  const steps = quantize(value);
  return steps === undefined ? String(value) : steps;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// A hand-rolled check of decimal number syntax (optional sign, digits with an optional point,
// optional exponent), because it runs for every Number attribute of every message. Number()
// alone would also accept "", "0x10" and "Infinity".
function isDecimalText(text: string): boolean {
  let i = 0;
  const end = text.length;
  while (i < end && text.charCodeAt(i) === 32) i++;
  let last = end;
  while (last > i && text.charCodeAt(last - 1) === 32) last--;
  if (i < last && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45)) i++;
  const integerStart = i;
  while (i < last && isDigit(text.charCodeAt(i))) i++;
  let digits = i - integerStart;
  if (i < last && text.charCodeAt(i) === 46) {
    i++;
    const fractionStart = i;
    while (i < last && isDigit(text.charCodeAt(i))) i++;
    digits += i - fractionStart;
  }
  if (digits === 0) return false;
  if (i < last && (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69)) {
    i++;
    if (i < last && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45)) i++;
    const start = i;
    while (i < last && isDigit(text.charCodeAt(i))) i++;
    if (i === start) return false;
  }
  return i === last;
}

/** Parses the text of a `Number` message attribute; undefined when it is not a number. */
export function parseNumberText(text: string): number | undefined {
  if (!isDecimalText(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
