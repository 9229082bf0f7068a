import { MAX_PAYLOAD_BYTES, payloadSizeError, serialisedSizeBound } from './payload-size';

const utf8Bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');

/** A deterministic stream of numbers in [0, 1) (so a failure names the value it failed on). */
function numbers(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const CHARACTERS = ['a', '"', '\\', '\n', '\u0001', 'é', '€', '\u2028', '😀', '\ud800'];

function someValue(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 5 : 7));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return [0, -1.2345678901234567e-308, 1e21, 123456789, -0.5][Math.floor(next() * 5)];
    case 3:
    case 4:
      return Array.from({ length: Math.floor(next() * 12) }, () => CHARACTERS[Math.floor(next() * 10)]).join(
        '',
      );
    case 5:
      return Array.from({ length: Math.floor(next() * 5) }, () => someValue(next, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 5) }, (_, i) => [
          `${CHARACTERS[Math.floor(next() * 10)]}${i}`,
          someValue(next, depth + 1),
        ]),
      );
  }
}

describe('payload size', () => {
  it('bounds the UTF-8 JSON size of any JSON value from above', () => {
    const next = numbers(7);
    for (let i = 0; i < 5000; i++) {
      const value = someValue(next);
      expect([value, serialisedSizeBound(value, Infinity) >= utf8Bytes(value)]).toEqual([value, true]);
    }
  });

  it('bounds members that JSON leaves out or writes as null', () => {
    const value = { a: undefined, b: [undefined, () => 1], c: Symbol('s') };
    expect(serialisedSizeBound(value, Infinity)).toBeGreaterThanOrEqual(utf8Bytes(value));
  });

  it('does not bound what a toJSON of its own writes', () => {
    expect(serialisedSizeBound({ when: new Date(0) }, Infinity)).toBe(Infinity);
  });

  it('stops counting past its budget', () => {
    const big = Array.from({ length: 100_000 }, () => ({ name: 'x'.repeat(100) }));
    expect(serialisedSizeBound(big, 1000)).toBeGreaterThan(1000);
    expect(serialisedSizeBound(big, 1000)).toBeLessThan(2000);
  });

  it('refuses exactly the payloads over 256 KiB, whatever the bound says', () => {
    const fits = 'é'.repeat((MAX_PAYLOAD_BYTES - 2) / 2); // 2 bytes each in UTF-8: 256 KiB with its quotes
    expect(utf8Bytes(fits)).toBe(MAX_PAYLOAD_BYTES);
    expect(payloadSizeError(fits, 'S')).toBeUndefined();
    expect(payloadSizeError(`${fits}a`, 'S')?.error).toBe('States.DataLimitExceeded');
    expect(payloadSizeError({ when: new Date(0), text: fits }, 'S')?.error).toBe('States.DataLimitExceeded');
    expect(payloadSizeError({ small: [1, 'two', null] }, 'S')).toBeUndefined();
  });
});
