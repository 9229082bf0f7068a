import { QueryLanguage } from '../definition/compiled.types';
import { JsonObject } from '../json/json.types';
import { Diagnostic } from './diagnostic.types';

/** Collects diagnostics while a definition is walked, and holds what the walk shares. */
export class ValidationContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Every state name seen so far, across nested machines, with its location. */
  readonly names = new Map<string, string>();

  constructor(
    readonly topLanguage: QueryLanguage,
    /** Validates a nested machine (Parallel branch, Map item processor). */
    readonly machine: (raw: JsonObject, loc: string, allowed: ReadonlySet<string>, depth: number) => void,
  ) {}

  error(message: string, location?: string, code = 'SCHEMA_VALIDATION_FAILED'): void {
    this.diagnostics.push(
      location === undefined
        ? { severity: 'ERROR', code, message }
        : { severity: 'ERROR', code, message, location },
    );
  }

  warn(code: string, message: string, location: string): void {
    this.diagnostics.push({ severity: 'WARNING', code, message, location });
  }
}

/** Reports a transition (Next, Default, StartAt, Catch Next) to a state that does not exist. */
export function target(vc: ValidationContext, name: unknown, states: JsonObject, location: string): void {
  if (typeof name !== 'string') {
    vc.error(`The value of the field must be a state name`, location);
    return;
  }
  if (!(name in states)) vc.error(`Missing 'Next' target: ${name}`, location, 'MISSING_TRANSITION_TARGET');
}

/** Whether a value is an integer above 0. */
export function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Whether a value is an integer of 0 or more. */
export function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
