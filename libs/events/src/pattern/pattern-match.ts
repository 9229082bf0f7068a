import { matchesFilterPolicy } from '@switchyard/filter-policy';
import { comparable } from './comparable-number';
import { eventFields } from './event-fields';
import type {
  CompiledEventPattern,
  Condition,
  EventFields,
  EventScalar,
  FieldConditions,
  NumericRange,
} from './pattern.types';

function inRange(units: number, range: NumericRange): boolean {
  const { lower, lowerOpen, upper, upperOpen } = range;
  if (lower !== undefined && (lowerOpen ? units <= lower : units < lower)) return false;
  if (upper !== undefined && (upperOpen ? units >= upper : units > upper)) return false;
  return true;
}

/** Whether one value of a present field meets one condition (`exists` is decided by the caller). */
function valueMatches(condition: Condition, value: EventScalar): boolean {
  switch (condition.kind) {
    case 'exact':
      return value === condition.value;
    case 'exact-number':
      if (typeof value !== 'number') return false;
      return condition.comparable !== undefined
        ? comparable(value) === condition.comparable
        : value === condition.value;
    case 'prefix':
      return (
        typeof value === 'string' &&
        (condition.ignoreCase ? value.toLowerCase() : value).startsWith(condition.value)
      );
    case 'suffix':
      return (
        typeof value === 'string' &&
        (condition.ignoreCase ? value.toLowerCase() : value).endsWith(condition.value)
      );
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === condition.value;
    case 'wildcard':
      return typeof value === 'string' && condition.matcher.test(value);
    case 'numeric': {
      const units = typeof value === 'number' ? comparable(value) : undefined;
      return units !== undefined && inRange(units, condition.range);
    }
    case 'anything-but':
      return typeof value !== 'string' || !condition.strings.has(value);
    case 'anything-but-number': {
      // A numeric exclusion list passes comparable numbers only.
      const units = typeof value === 'number' ? comparable(value) : undefined;
      return units !== undefined && !condition.numbers.has(units);
    }
    case 'anything-but-ignore-case':
      return typeof value !== 'string' || !condition.lowered.has(value.toLowerCase());
    case 'anything-but-prefix':
      return typeof value !== 'string' || !condition.values.some((prefix) => value.startsWith(prefix));
    case 'anything-but-suffix':
      return typeof value !== 'string' || !condition.values.some((suffix) => value.endsWith(suffix));
    case 'anything-but-wildcard':
      return typeof value !== 'string' || !condition.matchers.some((matcher) => matcher.test(value));
    case 'cidr':
      return (
        typeof value === 'string' &&
        matchesFilterPolicy(condition.policy, {
          attributes: { ip: { DataType: 'String', StringValue: value } },
        })
      );
    case 'exists':
      return condition.value;
  }
}

function fieldMatches(field: FieldConditions, fields: EventFields): boolean {
  const values = fields.get(field.path);
  if (!values) return field.conditions.some((c) => c.kind === 'exists' && !c.value);
  return field.conditions.some((condition) => values.some((value) => valueMatches(condition, value)));
}

/** Whether a compiled pattern accepts an event already broken into its fields (`eventFields`). */
export function matchesEventFields(pattern: CompiledEventPattern, fields: EventFields): boolean {
  return pattern.branches.some((branch) => branch.every((field) => fieldMatches(field, fields)));
}

/** Whether a compiled pattern accepts an event (a parsed JSON object). */
export function matchesEventPattern(pattern: CompiledEventPattern, event: unknown): boolean {
  return matchesEventFields(pattern, eventFields(event));
}
