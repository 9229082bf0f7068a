import { FieldTable, type FieldSlot } from './field-table';
import type { Conjunction, FilterableMessage, Pattern, PolicyStep } from './filter-policy.types';
import { KeyMatcher } from './key-matcher';
import { positionOf, withItem, withoutItemAt } from './keyed-array';

/** A subscription as the automaton stores it; `pass` dedupes it within one match. */
interface Subscriber {
  readonly id: string;
  pass: number;
  conjunctions: number;
}

// Shared empty arrays for states without edges or accepts of some kind; tables grow by
// copying while small (see keyed-array.ts), so these are never written to.
const NO_MATCHERS: KeyMatcher<NameState>[] = [];
const NO_STATES: NameState[] = [];
const NO_SUBSCRIBERS: Subscriber[] = [];

const matcherSlot = (matcher: KeyMatcher<NameState>) => matcher.slot;
const absentSlot = (state: NameState) => state.absentSlot!;
const itself = (subscriber: Subscriber) => subscriber;

/**
 * A node of the automaton: reached by one sequence of (key, condition) steps. Matching reads
 * the plain arrays `matchers`, `absentTargets` and `accepts`; the position indexes beside them
 * exist only for tables past a handful of entries, since a large topic has very many states.
 */
class NameState {
  /** Edges on keys the message has, one matcher per key. */
  matchers = NO_MATCHERS;
  /** The only matcher, when there is exactly one: saves matching a load in the common case. */
  soleMatcher: KeyMatcher<NameState> | undefined;
  private matcherIndex: Map<FieldSlot, number> | undefined;
  /** Edges taken when a key is missing from the message ({"exists": false}). */
  absentTargets = NO_STATES;
  private absentIndex: Map<FieldSlot, number> | undefined;
  /** Subscriptions whose policy is satisfied on reaching this state. */
  accepts = NO_SUBSCRIBERS;
  /** The only accepted subscription, when there is exactly one. */
  soleAccept: Subscriber | undefined;
  private acceptIndex: Map<Subscriber, number> | undefined;
  /** Multiplicities above one (identical $or branches end at one state). */
  private acceptRepeats: Map<Subscriber, number> | undefined;
  /** How many added step sequences pass through or end here; zero means the state is unused. */
  refs = 0;
  visited = 0;
  /** For a state entered on a missing key: that key's slot. */
  absentSlot: FieldSlot | undefined;

  addAccept(subscriber: Subscriber): void {
    if (positionOf(this.accepts, this.acceptIndex, subscriber, itself) >= 0) {
      (this.acceptRepeats ??= new Map()).set(subscriber, (this.acceptRepeats.get(subscriber) ?? 1) + 1);
      return;
    }
    const table = withItem({ items: this.accepts, index: this.acceptIndex }, subscriber, itself);
    this.accepts = table.items;
    this.acceptIndex = table.index;
    this.soleAccept = table.items.length === 1 ? table.items[0] : undefined;
  }

  removeAccept(subscriber: Subscriber): void {
    const repeats = this.acceptRepeats?.get(subscriber);
    if (repeats !== undefined) {
      if (repeats > 2) this.acceptRepeats!.set(subscriber, repeats - 1);
      else this.acceptRepeats!.delete(subscriber);
      return;
    }
    const position = positionOf(this.accepts, this.acceptIndex, subscriber, itself);
    if (position < 0) return;
    const table = withoutItemAt({ items: this.accepts, index: this.acceptIndex }, position, itself);
    this.accepts = table.items;
    this.acceptIndex = table.index;
    this.soleAccept = table.items.length === 1 ? table.items[0] : undefined;
  }

  matcherOn(slot: FieldSlot): KeyMatcher<NameState> | undefined {
    const position = positionOf(this.matchers, this.matcherIndex, slot, matcherSlot);
    return position < 0 ? undefined : this.matchers[position];
  }

  matcherFor(slot: FieldSlot): KeyMatcher<NameState> {
    const existing = this.matcherOn(slot);
    if (existing) return existing;
    const matcher = new KeyMatcher<NameState>(slot);
    const table = withItem({ items: this.matchers, index: this.matcherIndex }, matcher, matcherSlot);
    this.matchers = table.items;
    this.matcherIndex = table.index;
    this.soleMatcher = table.items.length === 1 ? table.items[0] : undefined;
    return matcher;
  }

  dropMatcher(slot: FieldSlot): void {
    const position = positionOf(this.matchers, this.matcherIndex, slot, matcherSlot);
    if (position < 0) return;
    const table = withoutItemAt({ items: this.matchers, index: this.matcherIndex }, position, matcherSlot);
    this.matchers = table.items;
    this.matcherIndex = table.index;
    this.soleMatcher = table.items.length === 1 ? table.items[0] : undefined;
  }

  absentOn(slot: FieldSlot): NameState | undefined {
    const position = positionOf(this.absentTargets, this.absentIndex, slot, absentSlot);
    return position < 0 ? undefined : this.absentTargets[position];
  }

  absentTarget(slot: FieldSlot): NameState {
    const existing = this.absentOn(slot);
    if (existing) return existing;
    const target = new NameState();
    target.absentSlot = slot;
    const table = withItem({ items: this.absentTargets, index: this.absentIndex }, target, absentSlot);
    this.absentTargets = table.items;
    this.absentIndex = table.index;
    return target;
  }

  dropAbsent(slot: FieldSlot): void {
    const position = positionOf(this.absentTargets, this.absentIndex, slot, absentSlot);
    if (position < 0) return;
    const table = withoutItemAt({ items: this.absentTargets, index: this.absentIndex }, position, absentSlot);
    this.absentTargets = table.items;
    this.absentIndex = table.index;
  }
}

// Steps are ordered so that the most selective conditions come first: a state near the root
// then has few edges that fire for a typical message, and policies that share their leading
// conditions share states. The order only has to be the same for every policy.
function rank(pattern: Pattern): number {
  switch (pattern.kind) {
    case 'exact':
      return 0;
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
    case 'cidr':
      return 1;
    case 'numeric':
      return pattern.range.lower === pattern.range.upper ? 1 : 2;
    case 'anything-but':
    case 'anything-but-prefix':
      return 3;
    case 'exists':
      return pattern.value ? 3 : 4;
  }
}

// Exact steps rank by how many values they list, since one listed value is the most
// selective condition a step can have; every other kind ranks after all exact steps.
function stepRank(step: PolicyStep): number {
  const kind = Math.max(...step.patterns.map(rank));
  return kind === 0 ? Math.min(step.patterns.length, 99) : 100 * kind;
}

/** The steps of a conjunction in the canonical order the automaton stores them in. */
export function orderSteps(conjunction: Conjunction): PolicyStep[] {
  return conjunction
    .map((step) => ({ step, rank: stepRank(step) }))
    .sort((a, b) => a.rank - b.rank || (a.step.path < b.step.path ? -1 : a.step.path > b.step.path ? 1 : 0))
    .map(({ step }) => step);
}

/**
 * A shared automaton over many policies' conjunctions, in the manner of AWS's event-ruler:
 * each conjunction is a path of (key, condition) edges from the root, and conjunctions with
 * the same leading steps share states. Matching walks only the edges a message's values fire,
 * so its cost follows the message and the policies it matches, not how many policies exist.
 */
export class PolicyAutomaton {
  private readonly root = new NameState();
  private readonly fields = new FieldTable();
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly pending: NameState[] = [];

  /** True when no conjunction is stored. */
  get isEmpty(): boolean {
    return this.root.refs === 0;
  }

  add(id: string, conjunctions: readonly Conjunction[]): void {
    let subscriber = this.subscribers.get(id);
    if (!subscriber) this.subscribers.set(id, (subscriber = { id, pass: 0, conjunctions: 0 }));
    for (const conjunction of conjunctions) {
      const steps = orderSteps(conjunction);
      const slots = steps.map((step) => this.fields.acquire(step.path));
      this.addFrom(this.root, steps, slots, 0, subscriber);
      subscriber.conjunctions++;
    }
  }

  remove(id: string, conjunctions: readonly Conjunction[]): void {
    const subscriber = this.subscribers.get(id);
    if (!subscriber) return;
    for (const conjunction of conjunctions) {
      const steps = orderSteps(conjunction);
      const slots = steps.map((step) => this.fields.slotOf(step.path)!);
      this.removeFrom(this.root, steps, slots, 0, subscriber);
      for (const slot of slots) this.fields.release(slot);
      subscriber.conjunctions--;
    }
    if (subscriber.conjunctions <= 0) this.subscribers.delete(id);
  }

  /** Appends to `out` every stored subscription that accepts these message attributes. */
  matchAttributes(attributes: FilterableMessage['attributes'], out: string[]): void {
    this.fields.begin();
    this.fields.fillFromAttributes(attributes);
    this.run(this.fields.currentPass, out);
  }

  /** Appends to `out` every stored subscription that accepts this parsed JSON body. */
  matchBody(body: Record<string, unknown> | undefined, out: string[]): void {
    this.fields.begin();
    this.fields.fillFromBody(body);
    this.run(this.fields.currentPass, out);
  }

  private run(pass: number, out: string[]): void {
    const present = this.fields.present;
    const pending = this.pending;
    pending.push(this.root);
    while (pending.length > 0) {
      const state = pending.pop()!;
      if (state.visited === pass) continue;
      state.visited = pass;
      const soleAccept = state.soleAccept;
      if (soleAccept !== undefined) {
        if (soleAccept.pass !== pass) {
          soleAccept.pass = pass;
          out.push(soleAccept.id);
        }
      } else {
        const accepts = state.accepts;
        for (let i = 0; i < accepts.length; i++) {
          const subscriber = accepts[i];
          if (subscriber.pass !== pass) {
            subscriber.pass = pass;
            out.push(subscriber.id);
          }
        }
      }
      const soleMatcher = state.soleMatcher;
      if (soleMatcher !== undefined) {
        const slot = soleMatcher.slot;
        if (slot.pass === pass) soleMatcher.collect(slot.values, slot.count, pending);
      } else {
        const matchers = state.matchers;
        if (matchers.length <= present.length) {
          for (let i = 0; i < matchers.length; i++) {
            const matcher = matchers[i];
            const slot = matcher.slot;
            if (slot.pass === pass) matcher.collect(slot.values, slot.count, pending);
          }
        } else {
          // A state with more keys than the message has: look the message's keys up instead.
          for (let i = 0; i < present.length; i++) {
            const slot = present[i];
            const matcher = state.matcherOn(slot);
            if (matcher) matcher.collect(slot.values, slot.count, pending);
          }
        }
      }
      const absent = state.absentTargets;
      for (let i = 0; i < absent.length; i++) {
        const target = absent[i];
        if (target.absentSlot!.pass !== pass) pending.push(target);
      }
    }
  }

  private addFrom(
    state: NameState,
    steps: PolicyStep[],
    slots: FieldSlot[],
    index: number,
    subscriber: Subscriber,
  ): void {
    state.refs++;
    if (index === steps.length) {
      state.addAccept(subscriber);
      return;
    }
    for (const pattern of steps[index].patterns) {
      this.addFrom(this.edgeFor(state, slots[index], pattern), steps, slots, index + 1, subscriber);
    }
  }

  private edgeFor(state: NameState, slot: FieldSlot, pattern: Pattern): NameState {
    if (pattern.kind === 'exists' && !pattern.value) return state.absentTarget(slot);
    const matcher = state.matcherFor(slot);
    let target = matcher.targetFor(pattern);
    if (target === undefined) matcher.add(pattern, (target = new NameState()));
    return target;
  }

  private removeFrom(
    state: NameState,
    steps: PolicyStep[],
    slots: FieldSlot[],
    index: number,
    subscriber: Subscriber,
  ): void {
    state.refs--;
    if (index === steps.length) {
      state.removeAccept(subscriber);
      return;
    }
    const slot = slots[index];
    for (const pattern of steps[index].patterns) {
      if (pattern.kind === 'exists' && !pattern.value) {
        const target = state.absentOn(slot);
        if (!target) continue;
        this.removeFrom(target, steps, slots, index + 1, subscriber);
        if (target.refs === 0) state.dropAbsent(slot);
        continue;
      }
      const matcher = state.matcherOn(slot);
      const target = matcher?.targetFor(pattern);
      if (!matcher || !target) continue;
      this.removeFrom(target, steps, slots, index + 1, subscriber);
      if (target.refs === 0) {
        matcher.remove(pattern);
        if (matcher.isEmpty) state.dropMatcher(slot);
      }
    }
  }
}
