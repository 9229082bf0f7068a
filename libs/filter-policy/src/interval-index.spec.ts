import fc from 'fast-check';
import { IntervalIndex, type Interval } from './interval-index';

const bound = fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined });
const interval: fc.Arbitrary<Interval<number>> = fc
  .record({ lower: bound, lowerOpen: fc.boolean(), upper: bound, upperOpen: fc.boolean() })
  .filter((i) => i.lower === undefined || i.upper === undefined || i.lower <= i.upper);

function contains(i: Interval<number>, x: number): boolean {
  if (i.lower !== undefined && (i.lowerOpen ? x <= i.lower : x < i.lower)) return false;
  if (i.upper !== undefined && (i.upperOpen ? x >= i.upper : x > i.upper)) return false;
  return true;
}

describe('IntervalIndex', () => {
  it('finds exactly the intervals containing a point, across additions and removals', () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.array(fc.integer({ min: -25, max: 25 }), { minLength: 1, maxLength: 20 }),
        (intervals, removals, points) => {
          const index = new IntervalIndex<number, number>();
          const live = new Map<number, Interval<number>>();
          intervals.forEach((i, n) => {
            index.add(n, i);
            live.set(n, i);
          });
          for (const r of removals) {
            if (intervals.length === 0) break;
            index.remove(r % intervals.length);
            live.delete(r % intervals.length);
          }
          for (const x of points) {
            const found: number[] = [];
            index.stab(x, found);
            const expected = [...live].filter(([, i]) => contains(i, x)).map(([n]) => n);
            expect(found.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
          }
        },
      ),
    );
  });

  it('works over bigints', () => {
    const index = new IntervalIndex<bigint, string>();
    index.add('block', { lower: 10n, upper: 20n, lowerOpen: false, upperOpen: false });
    const found: string[] = [];
    index.stab(20n, found);
    index.stab(21n, found);
    expect(found).toEqual(['block']);
  });
});
