import fc from 'fast-check';
import { positionOf, withItem, withoutItemAt, type KeyedArray } from './keyed-array';

const keyOf = (item: { key: number }) => item.key;

describe('keyed arrays', () => {
  it('behave as a map from key to entry, small or large', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(30))), (operations) => {
        let table: KeyedArray<number, { key: number }> = { items: [], index: undefined };
        const reference = new Set<number>();
        for (const [isAdd, key] of operations) {
          const position = positionOf(table.items, table.index, key, keyOf);
          expect(position >= 0).toBe(reference.has(key));
          if (isAdd && position < 0) {
            table = withItem(table, { key }, keyOf);
            reference.add(key);
          } else if (!isAdd && position >= 0) {
            table = withoutItemAt(table, position, keyOf);
            reference.delete(key);
          }
          expect(table.items.map(keyOf).sort((a, b) => a - b)).toEqual([...reference].sort((a, b) => a - b));
        }
        for (const key of reference)
          expect(table.items[positionOf(table.items, table.index, key, keyOf)].key).toBe(key);
      }),
      { numRuns: 500 },
    );
  });
});
