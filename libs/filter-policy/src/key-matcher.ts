import type { FieldSlot } from './field-table';
import type { Pattern, Scalar } from './filter-policy.types';
import { IntervalIndex } from './interval-index';
import { positionOf, withItem, withoutItemAt } from './keyed-array';
import { parseIpAddress } from './ip-address';
import { exactNumberKey, quantize } from './numeric-value';

/** An edge of the automaton: one condition on one key, leading to the next state. */
export interface Transition<S> {
  readonly key: string;
  readonly pattern: Pattern;
  readonly target: S;
  /** For anything-but edges: the excluded strings or quantised numbers. */
  readonly excluded?: ReadonlySet<string | number>;
}

// Shared by matchers without edges yet; small tables grow by copying, so it is never written to.
const NO_EDGES: Transition<never>[] = [];

function edgeKey<S>(edge: Transition<S>): string {
  return edge.key;
}

/** A key that identifies conditions which accept exactly the same values. */
export function patternKey(pattern: Pattern): string {
  switch (pattern.kind) {
    case 'exact': {
      const v = pattern.value;
      if (typeof v === 'string') return `s:${v}`;
      if (typeof v === 'number') return `n:${exactNumberKey(v)}`;
      return `l:${String(v)}`;
    }
    case 'prefix':
      return `p:${pattern.value}`;
    case 'suffix':
      return `x:${pattern.value}`;
    case 'equals-ignore-case':
      return `i:${pattern.value.toLowerCase()}`;
    case 'anything-but': {
      const keys = pattern.values.map((v) => (typeof v === 'number' ? String(quantize(v)) : String(v)));
      return `a:${pattern.numeric ? 'n' : 's'}:${JSON.stringify([...new Set(keys)].sort())}`;
    }
    case 'anything-but-prefix':
      return `q:${pattern.value}`;
    case 'numeric': {
      const r = pattern.range;
      return `r:${r.lower ?? ''}:${r.lowerOpen}:${r.upper ?? ''}:${r.upperOpen}`;
    }
    case 'cidr':
      return `c:${pattern.range.family}:${pattern.range.lower}:${pattern.range.upper}`;
    case 'exists':
      return `e:${pattern.value}`;
  }
}

/** Prefix or suffix edges by their affix, with the distinct affix lengths kept sorted. */
class AffixTable<S> {
  readonly byAffix = new Map<string, S>();
  private readonly lengthCounts = new Map<number, number>();
  private sortedLengths: number[] | undefined = [];

  add(affix: string, target: S): void {
    this.byAffix.set(affix, target);
    this.lengthCounts.set(affix.length, (this.lengthCounts.get(affix.length) ?? 0) + 1);
    this.sortedLengths = undefined;
  }

  remove(affix: string): void {
    this.byAffix.delete(affix);
    const count = this.lengthCounts.get(affix.length)! - 1;
    if (count === 0) this.lengthCounts.delete(affix.length);
    else this.lengthCounts.set(affix.length, count);
    this.sortedLengths = undefined;
  }

  lengths(): number[] {
    return (this.sortedLengths ??= [...this.lengthCounts.keys()].sort((a, b) => a - b));
  }
}

/**
 * The edges of a matcher other than exact strings and numbers, gathered so that the many
 * matchers holding only exact edges stay small. Each index is created on first use.
 */
class OtherEdges<S> {
  private literals?: Map<boolean | null, S>;
  private prefixes?: AffixTable<S>;
  private suffixes?: AffixTable<S>;
  private ignoreCase?: Map<string, S>;
  private ranges?: IntervalIndex<number, S>;
  private cidrs4?: IntervalIndex<bigint, S>;
  private cidrs6?: IntervalIndex<bigint, S>;
  private anythingButStrings?: Set<Transition<S>>;
  private anythingButNumbers?: Set<Transition<S>>;
  private anythingButPrefixes?: Set<Transition<S>>;

  add(t: Transition<S>): void {
    const p = t.pattern;
    const target = t.target;
    switch (p.kind) {
      case 'exact':
        (this.literals ??= new Map()).set(p.value as boolean | null, target);
        break;
      case 'prefix':
        (this.prefixes ??= new AffixTable()).add(p.value, target);
        break;
      case 'suffix':
        (this.suffixes ??= new AffixTable()).add(p.value, target);
        break;
      case 'equals-ignore-case':
        (this.ignoreCase ??= new Map()).set(p.value.toLowerCase(), target);
        break;
      case 'numeric':
        (this.ranges ??= new IntervalIndex()).add(target, p.range);
        break;
      case 'cidr': {
        const range = { lower: p.range.lower, upper: p.range.upper, lowerOpen: false, upperOpen: false };
        if (p.range.family === 4) (this.cidrs4 ??= new IntervalIndex()).add(target, range);
        else (this.cidrs6 ??= new IntervalIndex()).add(target, range);
        break;
      }
      case 'anything-but':
        if (p.numeric) (this.anythingButNumbers ??= new Set()).add(t);
        else (this.anythingButStrings ??= new Set()).add(t);
        break;
      case 'anything-but-prefix':
        (this.anythingButPrefixes ??= new Set()).add(t);
        break;
      case 'exists':
        break;
    }
  }

  remove(t: Transition<S>): void {
    const p = t.pattern;
    switch (p.kind) {
      case 'exact':
        this.literals?.delete(p.value as boolean | null);
        break;
      case 'prefix':
        this.prefixes?.remove(p.value);
        break;
      case 'suffix':
        this.suffixes?.remove(p.value);
        break;
      case 'equals-ignore-case':
        this.ignoreCase?.delete(p.value.toLowerCase());
        break;
      case 'numeric':
        this.ranges?.remove(t.target);
        break;
      case 'cidr':
        (p.range.family === 4 ? this.cidrs4 : this.cidrs6)?.remove(t.target);
        break;
      case 'anything-but':
        (p.numeric ? this.anythingButNumbers : this.anythingButStrings)?.delete(t);
        break;
      case 'anything-but-prefix':
        this.anythingButPrefixes?.delete(t);
        break;
      case 'exists':
        break;
    }
  }

  collectLiteral(value: boolean | null, out: S[]): void {
    const target = this.literals?.get(value);
    if (target !== undefined) out.push(target);
    this.collectAll(this.anythingButStrings, out);
    this.collectAll(this.anythingButPrefixes, out);
  }

  private collectAll(edges: Set<Transition<S>> | undefined, out: S[]): void {
    if (edges !== undefined && edges.size > 0) for (const edge of edges) out.push(edge.target);
  }

  collectString(value: string, out: S[]): void {
    if (this.prefixes !== undefined && this.prefixes.byAffix.size > 0) {
      for (const length of this.prefixes.lengths()) {
        if (length > value.length) break;
        const target = this.prefixes.byAffix.get(value.substring(0, length));
        if (target !== undefined) out.push(target);
      }
    }
    if (this.suffixes !== undefined && this.suffixes.byAffix.size > 0) {
      for (const length of this.suffixes.lengths()) {
        if (length > value.length) break;
        const target = this.suffixes.byAffix.get(value.substring(value.length - length));
        if (target !== undefined) out.push(target);
      }
    }
    if (this.ignoreCase !== undefined && this.ignoreCase.size > 0) {
      const target = this.ignoreCase.get(value.toLowerCase());
      if (target !== undefined) out.push(target);
    }
    if (this.cidrs4 !== undefined || this.cidrs6 !== undefined) {
      const address = parseIpAddress(value);
      const index = address && (address.family === 4 ? this.cidrs4 : this.cidrs6);
      if (address && index) index.stab(address.value, out);
    }
    if (this.anythingButStrings !== undefined && this.anythingButStrings.size > 0) {
      for (const edge of this.anythingButStrings) if (!edge.excluded!.has(value)) out.push(edge.target);
    }
    if (this.anythingButPrefixes !== undefined && this.anythingButPrefixes.size > 0) {
      for (const edge of this.anythingButPrefixes) {
        if (!value.startsWith((edge.pattern as { value: string }).value)) out.push(edge.target);
      }
    }
  }

  collectNumber(value: number, out: S[]): void {
    if (this.ranges !== undefined || this.anythingButNumbers !== undefined) {
      const steps = quantize(value);
      if (steps !== undefined) {
        if (this.ranges !== undefined) this.ranges.stab(steps, out);
        if (this.anythingButNumbers !== undefined && this.anythingButNumbers.size > 0) {
          for (const edge of this.anythingButNumbers) if (!edge.excluded!.has(steps)) out.push(edge.target);
        }
      }
    }
    this.collectAll(this.anythingButStrings, out);
    this.collectAll(this.anythingButPrefixes, out);
  }
}

/**
 * All edges leaving one automaton state on one key, indexed by kind of condition so that a
 * value finds its edges by hashing or searching, never by trying every edge in turn (except
 * anything-but edges, which by their nature fire for nearly every value). Exact strings and
 * numbers, by far the most common edges, are held here; the rest in `others`, made on first use.
 */
export class KeyMatcher<S> {
  private edges: Transition<S>[] = NO_EDGES;
  private edgeIndex: Map<string, number> | undefined;
  // Up to two exact strings sit in fields (most matchers have one or two), more in a map:
  // fewer objects to reach on the matching path of a large topic.
  private string0: string | undefined;
  private target0: S | undefined;
  private string1: string | undefined;
  private target1: S | undefined;
  private exactStrings?: Map<string, S>;
  private exactNumbers?: Map<number | string, S>;
  private existsEdge?: Transition<S>;
  private others?: OtherEdges<S>;

  constructor(readonly slot: FieldSlot) {}

  get isEmpty(): boolean {
    return (
      this.edges.length === 0 &&
      this.string0 === undefined &&
      !this.exactStrings?.size &&
      !this.exactNumbers?.size
    );
  }

  private stringTarget(value: string): S | undefined {
    if (this.exactStrings !== undefined) return this.exactStrings.get(value);
    if (this.string0 === value) return this.target0;
    if (this.string1 === value) return this.target1;
    return undefined;
  }

  private addString(value: string, target: S): void {
    if (this.exactStrings !== undefined) {
      this.exactStrings.set(value, target);
    } else if (this.string0 === undefined) {
      this.string0 = value;
      this.target0 = target;
    } else if (this.string1 === undefined) {
      this.string1 = value;
      this.target1 = target;
    } else {
      this.exactStrings = new Map([
        [this.string0, this.target0!],
        [this.string1, this.target1!],
        [value, target],
      ]);
      this.string0 = this.string1 = this.target0 = this.target1 = undefined;
    }
  }

  private removeString(value: string): void {
    if (this.exactStrings !== undefined) {
      this.exactStrings.delete(value);
    } else if (this.string0 === value) {
      this.string0 = this.string1;
      this.target0 = this.target1;
      this.string1 = this.target1 = undefined;
    } else if (this.string1 === value) {
      this.string1 = this.target1 = undefined;
    }
  }

  /** The state an edge with this condition leads to, if the matcher has one. */
  targetFor(pattern: Pattern): S | undefined {
    if (pattern.kind === 'exact' && typeof pattern.value === 'string')
      return this.stringTarget(pattern.value);
    if (pattern.kind === 'exact' && typeof pattern.value === 'number') {
      return this.exactNumbers?.get(exactNumberKey(pattern.value));
    }
    const position = positionOf(this.edges, this.edgeIndex, patternKey(pattern), edgeKey);
    return position < 0 ? undefined : this.edges[position].target;
  }

  /** Adds an edge for a condition the matcher has no edge for yet. */
  add(pattern: Pattern, target: S): void {
    // Exact strings and numbers, the bulk of all edges, live only in their hash maps.
    if (pattern.kind === 'exact' && typeof pattern.value === 'string') {
      this.addString(pattern.value, target);
      return;
    }
    if (pattern.kind === 'exact' && typeof pattern.value === 'number') {
      (this.exactNumbers ??= new Map()).set(exactNumberKey(pattern.value), target);
      return;
    }
    let excluded: Set<string | number> | undefined;
    if (pattern.kind === 'anything-but') {
      excluded = new Set(
        pattern.values.map((v) => (typeof v === 'number' ? (quantize(v) as number) : (v as string))),
      );
    }
    const t: Transition<S> = { key: patternKey(pattern), pattern, target, excluded };
    const table = withItem({ items: this.edges, index: this.edgeIndex }, t, edgeKey);
    this.edges = table.items;
    this.edgeIndex = table.index;
    if (pattern.kind === 'exists') this.existsEdge = t;
    else (this.others ??= new OtherEdges()).add(t);
  }

  /** Removes the edge for a condition. */
  remove(pattern: Pattern): void {
    if (pattern.kind === 'exact' && typeof pattern.value === 'string') {
      this.removeString(pattern.value);
      return;
    }
    if (pattern.kind === 'exact' && typeof pattern.value === 'number') {
      this.exactNumbers?.delete(exactNumberKey(pattern.value));
      return;
    }
    const position = positionOf(this.edges, this.edgeIndex, patternKey(pattern), edgeKey);
    if (position < 0) return;
    const t = this.edges[position];
    const table = withoutItemAt({ items: this.edges, index: this.edgeIndex }, position, edgeKey);
    this.edges = table.items;
    this.edgeIndex = table.index;
    if (pattern.kind === 'exists') this.existsEdge = undefined;
    else this.others?.remove(t);
  }

  /** Pushes the target of every edge that one of the first `count` values satisfies. */
  collect(values: readonly Scalar[], count: number, out: S[]): void {
    if (this.existsEdge !== undefined) out.push(this.existsEdge.target);
    const others = this.others;
    for (let i = 0; i < count; i++) {
      const value = values[i];
      if (typeof value === 'string') {
        const target = this.stringTarget(value);
        if (target !== undefined) out.push(target);
        if (others !== undefined) others.collectString(value, out);
      } else if (typeof value === 'number') {
        if (this.exactNumbers !== undefined) {
          const target = this.exactNumbers.get(exactNumberKey(value));
          if (target !== undefined) out.push(target);
        }
        if (others !== undefined) others.collectNumber(value, out);
      } else if (others !== undefined) {
        others.collectLiteral(value, out);
      }
    }
  }
}
