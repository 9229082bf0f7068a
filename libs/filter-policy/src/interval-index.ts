/** An interval over numbers or bigints; a missing bound is unbounded on that side. */
export interface Interval<K extends number | bigint> {
  lower?: K;
  lowerOpen: boolean;
  upper?: K;
  upperOpen: boolean;
}

interface Built<K, T> {
  points: K[];
  slots: number;
  nodes: (T[] | undefined)[];
}

function compare<K extends number | bigint>(a: K, b: K): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { positionOf, withItem, withoutItemAt } from './keyed-array';

const LINEAR_LIMIT = 8;

interface Entry<K extends number | bigint, T> {
  readonly item: T;
  readonly interval: Interval<K>;
}

function entryItem<K extends number | bigint, T>(entry: Entry<K, T>): T {
  return entry.item;
}

function contains<K extends number | bigint>(interval: Interval<K>, x: K): boolean {
  const { lower, upper } = interval;
  if (lower !== undefined && (interval.lowerOpen ? x <= lower : x < lower)) return false;
  if (upper !== undefined && (interval.upperOpen ? x >= upper : x > upper)) return false;
  return true;
}

/**
 * Answers "which intervals contain x" in O(log n + answers); a handful of intervals are just
 * checked in turn. Endpoints cut the line into
 * slots (each endpoint, and each gap between endpoints); a segment tree over the slots holds
 * every interval in O(log n) nodes. The tree is rebuilt lazily after changes, because
 * subscriptions change far less often than messages arrive.
 */
export class IntervalIndex<K extends number | bigint, T> {
  private entries: Entry<K, T>[] = [];
  private entryIndex: Map<T, number> | undefined;
  private built: Built<K, T> | undefined;

  get size(): number {
    return this.entries.length;
  }

  /** Adds an item; an item already present is replaced. */
  add(item: T, interval: Interval<K>): void {
    this.remove(item);
    const table = withItem({ items: this.entries, index: this.entryIndex }, { item, interval }, entryItem);
    this.entries = table.items;
    this.entryIndex = table.index;
    this.built = undefined;
  }

  remove(item: T): void {
    const position = positionOf(this.entries, this.entryIndex, item, entryItem);
    if (position < 0) return;
    const table = withoutItemAt({ items: this.entries, index: this.entryIndex }, position, entryItem);
    this.entries = table.items;
    this.entryIndex = table.index;
    this.built = undefined;
  }

  private stabLinear(x: K, out: T[]): void {
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) if (contains(entries[i].interval, x)) out.push(entries[i].item);
  }

  /** Appends to `out` every item whose interval contains `x`. */
  stab(x: K, out: T[]): void {
    if (this.entries.length <= LINEAR_LIMIT) {
      this.stabLinear(x, out);
      return;
    }
    const built = this.built ?? (this.built = this.build());
    const slot = this.slotOf(built.points, x);
    let node = 1;
    let low = 0;
    let high = built.slots - 1;
    for (;;) {
      const items = built.nodes[node];
      if (items) for (let i = 0; i < items.length; i++) out.push(items[i]);
      if (low === high) return;
      const mid = (low + high) >> 1;
      if (slot <= mid) {
        node = 2 * node;
        high = mid;
      } else {
        node = 2 * node + 1;
        low = mid + 1;
      }
    }
  }

  private slotOf(points: K[], x: K): number {
    let low = 0;
    let high = points.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (points[mid] < x) low = mid + 1;
      else high = mid;
    }
    return low < points.length && points[low] === x ? 2 * low + 1 : 2 * low;
  }

  private build(): Built<K, T> {
    const unique = new Set<K>();
    for (const { interval } of this.entries) {
      if (interval.lower !== undefined) unique.add(interval.lower);
      if (interval.upper !== undefined) unique.add(interval.upper);
    }
    const points = [...unique].sort(compare);
    const position = new Map<K, number>(points.map((point, i) => [point, i]));
    const slots = 2 * points.length + 1;
    const nodes: (T[] | undefined)[] = [];
    for (const { item, interval } of this.entries) {
      const first =
        interval.lower === undefined ? 0 : 2 * position.get(interval.lower)! + (interval.lowerOpen ? 2 : 1);
      const last =
        interval.upper === undefined
          ? slots - 1
          : 2 * position.get(interval.upper)! + (interval.upperOpen ? 0 : 1);
      if (first <= last) this.insert(nodes, 1, 0, slots - 1, first, last, item);
    }
    return { points, slots, nodes };
  }

  private insert(
    nodes: (T[] | undefined)[],
    node: number,
    low: number,
    high: number,
    first: number,
    last: number,
    item: T,
  ): void {
    if (first <= low && high <= last) {
      (nodes[node] ??= []).push(item);
      return;
    }
    const mid = (low + high) >> 1;
    if (first <= mid) this.insert(nodes, 2 * node, low, mid, first, last, item);
    if (last > mid) this.insert(nodes, 2 * node + 1, mid + 1, high, first, last, item);
  }
}
