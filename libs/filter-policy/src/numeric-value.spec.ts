import fc from 'fast-check';
import { exactNumberKey, parseNumberText, quantize } from './numeric-value';

describe('numeric values', () => {
  it('compares numbers to five decimal places within one billion', () => {
    expect(quantize(301.5)).toBe(quantize(3.015e2));
    expect(quantize(1.00001)).not.toBe(quantize(1.00002));
    expect(quantize(1.000001)).toBe(quantize(1.000002));
    expect(quantize(1e9)).toBe(1e14);
    expect(quantize(-1e9)).toBe(-1e14);
    expect(quantize(1e9 + 1)).toBeUndefined();
    expect(quantize(-0)).toBe(0);
  });

  it('keeps order: a < b implies quantize(a) <= quantize(b)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        (a, b) => {
          fc.pre(a < b);
          expect(quantize(a)!).toBeLessThanOrEqual(quantize(b)!);
        },
      ),
    );
  });

  it('gives numbers outside the range a key of their own value', () => {
    expect(exactNumberKey(123456789012)).toBe('123456789012');
    expect(exactNumberKey(5)).toBe(exactNumberKey(5.0));
  });

  it('parses the text of Number attributes', () => {
    expect(parseNumberText('3.015e2')).toBe(301.5);
    expect(parseNumberText('-7')).toBe(-7);
    expect(parseNumberText('.5')).toBe(0.5);
    expect(parseNumberText('')).toBeUndefined();
    expect(parseNumberText('12abc')).toBeUndefined();
    expect(parseNumberText('0x10')).toBeUndefined();
    expect(parseNumberText('1e999')).toBeUndefined();
    expect(parseNumberText(' 42 ')).toBe(42);
    expect(parseNumberText('1.')).toBe(1);
    for (const bad of ['.', '-', '+.e1', '1e', '1e+', 'Infinity', '1_000', '1 2', '--1', '1.2.3']) {
      expect(parseNumberText(bad)).toBeUndefined();
    }
  });

  it('reads number text as a reference pattern does', () => {
    const reference = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('1', '0', '9', '.', 'e', 'E', '-', '+', ' ', 'x'), { maxLength: 8 }),
        (pieces) => {
          const text = pieces.join('');
          const expected = reference.test(text) && Number.isFinite(Number(text)) ? Number(text) : undefined;
          expect(parseNumberText(text)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
