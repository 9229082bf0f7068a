import type { CompiledFilterPolicy } from '@switchyard/filter-policy';

/** A JSON scalar as an event offers it at a path: strings, numbers, booleans and null. */
export type EventScalar = string | number | boolean | null;

/** A number in EventBridge's comparable form: millionths, between -5e9 and 5e9 (see `comparable-number.ts`). */
export type ComparableNumber = number;

/** One condition of a field's list; the field matches when any of its conditions holds. */
export type Condition =
  | { readonly kind: 'exact'; readonly value: string | boolean | null }
  /** A number given as a value: equal numbers match, whatever their notation (`300`, `3.0e2`). */
  | { readonly kind: 'exact-number'; readonly value: number; readonly comparable?: ComparableNumber }
  | { readonly kind: 'prefix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly matcher: RegExp }
  | { readonly kind: 'numeric'; readonly range: NumericRange }
  | { readonly kind: 'anything-but'; readonly strings: ReadonlySet<string> }
  | { readonly kind: 'anything-but-number'; readonly numbers: ReadonlySet<ComparableNumber> }
  | { readonly kind: 'anything-but-ignore-case'; readonly lowered: ReadonlySet<string> }
  | { readonly kind: 'anything-but-prefix'; readonly values: readonly string[] }
  | { readonly kind: 'anything-but-suffix'; readonly values: readonly string[] }
  | { readonly kind: 'anything-but-wildcard'; readonly matchers: readonly RegExp[] }
  | { readonly kind: 'exists'; readonly value: boolean }
  /** An IP range, matched by the SNS filter-policy engine (`@switchyard/filter-policy`), whose CIDR rules are EventBridge's. */
  | { readonly kind: 'cidr'; readonly policy: CompiledFilterPolicy };

/** A numeric interval in comparable form; an absent bound is open-ended. */
export interface NumericRange {
  readonly lower?: ComparableNumber;
  readonly lowerOpen: boolean;
  readonly upper?: ComparableNumber;
  readonly upperOpen: boolean;
}

/** A field of the event (its keys joined with `.`) and the conditions any one of which it must meet. */
export interface FieldConditions {
  readonly path: string;
  readonly conditions: readonly Condition[];
}

/** Fields that must all match; a pattern is met when any of its branches is (a `$or` makes several). */
export type PatternBranch = readonly FieldConditions[];

/** A validated event pattern, ready for matching; build it with `compileEventPattern`. */
export interface CompiledEventPattern {
  readonly branches: readonly PatternBranch[];
}

/** Every scalar an event offers under each path; a path with no scalar (an empty array, an object) is absent. */
export type EventFields = ReadonlyMap<string, readonly EventScalar[]>;
