// EventBridge event patterns, pure: validation with AWS's wording, compilation, matching. No
// framework, no I/O; the SNS filter-policy engine answers the one question whose rules are the same
// (CIDR blocks).
export { compileEventPattern } from './event-pattern';
export { eventFields } from './event-fields';
export { matchesEventFields, matchesEventPattern } from './pattern-match';
export { InvalidEventPattern } from './invalid-event-pattern';
export type { CompiledEventPattern, EventFields } from './pattern.types';
