import fc from 'fast-check';
import { StatesError } from '../errors/states-error';
import { INTRINSICS } from './intrinsic-registry';
import { nodeHash } from '../node/node-runtime';

const runtime = { now: () => new Date(0), random: () => 0.5, uuid: () => 'u', hash: nodeHash };
const call = (name: string, ...args: unknown[]) => INTRINSICS.get(name)!.evaluate(args, runtime);

describe('intrinsic function properties', () => {
  it('ArrayPartition chunks concatenate back to the array', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.integer({ min: 1, max: 10 }), (items, size) => {
        const chunks = call('States.ArrayPartition', items, size) as unknown[][];
        expect(chunks.flat()).toEqual(items);
        expect(
          chunks.every((c, i) => c.length === size || (i === chunks.length - 1 && c.length <= size)),
        ).toBe(true);
      }),
    );
  });

  it('ArrayRange has the right length, bounds and step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 1, max: 7 }),
        (a, b, s) => {
          const step = a <= b ? s : -s;
          const range = call('States.ArrayRange', a, b, step) as number[];
          expect(range[0]).toBe(a);
          expect(range.length).toBe(Math.floor((b - a) / step) + 1);
          for (let i = 1; i < range.length; i++) expect(range[i] - range[i - 1]).toBe(step);
        },
      ),
    );
  });

  it('Base64Decode inverts Base64Encode', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), (text) => {
        expect(call('States.Base64Decode', call('States.Base64Encode', text))).toBe(text);
      }),
    );
  });

  it('StringToJson inverts JsonToString', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        expect(call('States.StringToJson', call('States.JsonToString', value))).toEqual(
          JSON.parse(JSON.stringify(value)),
        );
      }),
    );
  });

  it('StringSplit pieces never contain a delimiter and are never empty', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ minLength: 1, maxLength: 3 }), (text, delims) => {
        const pieces = call('States.StringSplit', text, delims) as string[];
        for (const p of pieces) {
          expect(p.length).toBeGreaterThan(0);
          for (const d of delims) expect(p.includes(d)).toBe(false);
        }
      }),
    );
  });

  it('ArrayUnique keeps one of each value and nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 })), (items) => {
        const unique = call('States.ArrayUnique', items) as number[];
        expect(new Set(unique).size).toBe(unique.length);
        expect(new Set(unique)).toEqual(new Set(items));
      }),
    );
  });

  it('MathRandom stays in [start, end) for any random source', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 0.9999999, noNaN: true }),
        (start, width, r) => {
          const v = INTRINSICS.get('States.MathRandom')!.evaluate([start, start + width], {
            ...runtime,
            random: () => r,
          }) as number;
          expect(Number.isInteger(v) && v >= start && v < start + width).toBe(true);
        },
      ),
    );
  });

  it('Format fails with States.IntrinsicFailure rather than anything else on bad arguments', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          call('States.Format', '{}', v);
        } catch (e) {
          expect(e).toBeInstanceOf(StatesError);
          expect((e as StatesError).error).toBe('States.IntrinsicFailure');
        }
      }),
    );
  });
});
