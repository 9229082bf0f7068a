// The automaton holds very many small tables (edges of a state, subscriptions accepted at a
// state); most have one or two entries. They are kept as exact-size arrays, which matching
// iterates directly, searched by scanning while small and through a hash index past a handful.

const LINEAR_LIMIT = 8;

/** An array of entries and, for more than a handful of them, the position of each key. */
export interface KeyedArray<K, V> {
  readonly items: V[];
  readonly index: Map<K, number> | undefined;
}

/** The position of the entry with this key in a table's `items` and `index`, or -1. */
export function positionOf<K, V>(
  items: readonly V[],
  index: Map<K, number> | undefined,
  key: K,
  keyOf: (item: V) => K,
): number {
  if (index !== undefined) return index.get(key) ?? -1;
  for (let i = 0; i < items.length; i++) if (keyOf(items[i]) === key) return i;
  return -1;
}

/** The table with `item` appended; its key must not be present. */
export function withItem<K, V>(table: KeyedArray<K, V>, item: V, keyOf: (item: V) => K): KeyedArray<K, V> {
  if (table.items.length < LINEAR_LIMIT) return { items: table.items.concat([item]), index: undefined };
  const items = table.items;
  items.push(item);
  const index = table.index ?? new Map(items.map((entry, i) => [keyOf(entry), i]));
  index.set(keyOf(item), items.length - 1);
  return { items, index };
}

/** The table without the entry at `position`; the last entry moves into its place. */
export function withoutItemAt<K, V>(
  table: KeyedArray<K, V>,
  position: number,
  keyOf: (item: V) => K,
): KeyedArray<K, V> {
  const items = table.items;
  if (table.index === undefined) {
    const copy = items.slice(0, -1);
    if (position < copy.length) copy[position] = items[items.length - 1];
    return { items: copy, index: undefined };
  }
  const removed = keyOf(items[position]);
  const last = items.pop()!;
  if (position < items.length) {
    items[position] = last;
    table.index.set(keyOf(last), position);
  }
  table.index.delete(removed);
  return table;
}
