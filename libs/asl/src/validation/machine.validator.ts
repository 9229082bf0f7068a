import { QueryLanguage, StateType } from '../definition/compiled.types';
import { isJsonObject, JsonObject } from '../json/json.types';
import { validateChoiceState } from './choice-state.validator';
import { checkCatchers, checkRetry } from './error-handling.validator';
import { validateFailState } from './fail-state.validator';
import { checkAssign, checkJsonataFields, checkJsonPathFields } from './field-checks';
import { validateMapState } from './map-state.validator';
import { validateParallelState } from './parallel-state.validator';
import { JSONATA_ONLY, JSONPATH_ONLY, REQUIRED_FIELDS, STATE_FIELDS, TERMINAL_TYPES } from './state-fields';
import { validateTaskState } from './task-state.validator';
import { templateMentions } from './template-checks';
import { target, ValidationContext } from './validation-context';
import { validateWaitState } from './wait-state.validator';

const STATE_TYPES = new Set<string>(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
const MAX_NAME_LENGTH = 80;
const MAX_NESTING = 40;

/** Checks a state machine or a nested one: its fields, StartAt, every state, then reachability. */
export function validateMachine(
  vc: ValidationContext,
  raw: JsonObject,
  loc: string,
  allowed: ReadonlySet<string>,
  depth: number,
): void {
  if (depth > MAX_NESTING) {
    vc.error('The states are too deeply nested.', loc || '/', 'TOO_DEEPLY_NESTED');
    return;
  }
  for (const key of Object.keys(raw))
    if (!allowed.has(key)) vc.error(`Field '${key}' is not supported`, loc || '/');
  const missing = ['StartAt', 'States'].filter((f) => !(f in raw));
  if (missing.length) {
    vc.error(`These fields are required: [${missing.join(', ')}]`, loc || '/');
    return;
  }
  if (typeof raw.StartAt !== 'string')
    vc.error(`The value of the field 'StartAt' must be a string`, `${loc}/StartAt`);
  if (!isJsonObject(raw.States) || Object.keys(raw.States).length === 0) {
    vc.error(`The field 'States' must be an object with at least one state`, `${loc}/States`);
    return;
  }
  const states = raw.States;
  if (typeof raw.StartAt === 'string' && !(raw.StartAt in states)) {
    vc.error(`Missing 'Next' target: ${raw.StartAt}`, `${loc}/StartAt`, 'MISSING_TRANSITION_TARGET');
  }
  for (const [name, state] of Object.entries(states))
    validateState(vc, name, state, `${loc}/States/${name}`, states, depth);
  checkReachability(vc, raw, loc);
}

/** Reports a machine without a terminal state, or else every state no transition reaches. */
export function checkReachability(vc: ValidationContext, raw: JsonObject, loc: string): void {
  const states = raw.States as JsonObject;
  const terminal = Object.values(states).some(
    (s) => isJsonObject(s) && (s.End === true || s.Type === 'Succeed' || s.Type === 'Fail'),
  );
  if (!terminal) {
    vc.error('Workflow has no terminal state', undefined, 'MISSING_END_STATE');
    return;
  }
  const seen = new Set<string>();
  const queue = typeof raw.StartAt === 'string' ? [raw.StartAt] : [];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name) || !isJsonObject(states[name])) continue;
    seen.add(name);
    queue.push(...targets(states[name] as JsonObject));
  }
  for (const name of Object.keys(states)) {
    if (!seen.has(name))
      vc.error(`State "${name}" is not reachable.`, `${loc}/States/${name}`, 'MISSING_TRANSITION_TARGET');
  }
}

/** Checks one state: type, fields allowed for its type and query language, transitions, then type-specific rules. */
export function validateState(
  vc: ValidationContext,
  name: string,
  raw: unknown,
  loc: string,
  states: JsonObject,
  depth: number,
): void {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    vc.error(
      `State name '${name}' must be between 1 and ${MAX_NAME_LENGTH} characters long`,
      loc,
      'INVALID_STATE_NAME',
    );
  }
  if (vc.names.has(name)) vc.error(`Duplicate State name: ${name}`, loc, 'DUPLICATE_STATE_NAME');
  else vc.names.set(name, loc);
  if (!isJsonObject(raw)) {
    vc.error('A state must be a JSON object', loc);
    return;
  }
  if (!('Type' in raw)) {
    vc.error('These fields are required: [Type]', loc);
    return;
  }
  if (typeof raw.Type !== 'string' || !STATE_TYPES.has(raw.Type)) {
    vc.error(
      `The value of the field 'Type' must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map`,
      `${loc}/Type`,
    );
    return;
  }
  const type = raw.Type as StateType;
  const language = stateLanguage(vc, raw, loc);
  const allowed = STATE_FIELDS[type];
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) vc.error(`Field '${key}' is not supported`, loc);
    else if (language === 'JSONata' && JSONPATH_ONLY.has(key)) {
      vc.error(
        `The QueryLanguage is set to 'JSONata', but field '${key}' is only supported for the 'JSONPath' QueryLanguage`,
        loc,
      );
    } else if (language === 'JSONPath' && JSONATA_ONLY.has(key)) {
      vc.error(
        `The QueryLanguage is set to 'JSONPath', but field '${key}' is only supported for the 'JSONata' QueryLanguage`,
        loc,
      );
    }
  }
  const missing = REQUIRED_FIELDS[type].filter((f) => !(f in raw));
  if (missing.length) vc.error(`These fields are required: [${missing.join(', ')}]`, loc);
  checkFlow(vc, type, raw, loc, states);
  if (language === 'JSONPath') checkJsonPathFields(vc, type, raw, loc);
  else checkJsonataFields(vc, raw, loc);
  if ('Assign' in raw) checkAssign(vc, raw.Assign, language, `${loc}/Assign`);
  if (Array.isArray(raw.Retry)) checkRetry(vc, raw.Retry, `${loc}/Retry`);
  else if ('Retry' in raw && allowed.has('Retry'))
    vc.error(`The value of the field 'Retry' must be an array`, `${loc}/Retry`);
  if (Array.isArray(raw.Catch)) checkCatchers(vc, raw.Catch, `${loc}/Catch`, states, language);
  else if ('Catch' in raw && allowed.has('Catch'))
    vc.error(`The value of the field 'Catch' must be an array`, `${loc}/Catch`);
  switch (type) {
    case 'Task':
      return validateTaskState(vc, raw, loc, language);
    case 'Choice':
      return validateChoiceState(vc, raw, loc, states, language);
    case 'Wait':
      return validateWaitState(vc, raw, loc, language);
    case 'Fail':
      return validateFailState(vc, raw, loc);
    case 'Parallel':
      return validateParallelState(vc, raw, loc, depth);
    case 'Map':
      return validateMapState(vc, raw, loc, language, depth);
    case 'Pass':
      if (
        'Result' in raw &&
        templateMentions(Object.keys(isJsonObject(raw.Result) ? raw.Result : {}).join(' '), '.$')
      ) {
        vc.warn(
          'PASS_RESULT_IS_STATIC',
          'The Result of a Pass state is static: paths in it are not evaluated',
          `${loc}/Result`,
        );
      }
      return;
  }
}

/** The query language a state uses, reporting a JSONPath state inside a JSONata machine. */
export function stateLanguage(vc: ValidationContext, raw: JsonObject, loc: string): QueryLanguage {
  const ql = raw.QueryLanguage;
  if (ql === undefined) return vc.topLanguage;
  if (ql !== 'JSONPath' && ql !== 'JSONata') {
    vc.error(
      `The value of the field 'QueryLanguage' must be 'JSONPath' or 'JSONata'`,
      `${loc}/QueryLanguage`,
    );
    return vc.topLanguage;
  }
  if (ql === 'JSONPath' && vc.topLanguage === 'JSONata') {
    vc.error(`'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine`, loc);
  }
  return ql;
}

/** Checks Next/End: exactly one of them on the states that take them, and a Next that exists. */
export function checkFlow(
  vc: ValidationContext,
  type: StateType,
  raw: JsonObject,
  loc: string,
  states: JsonObject,
): void {
  if (TERMINAL_TYPES.has(type)) return;
  const hasNext = 'Next' in raw;
  const hasEnd = 'End' in raw;
  if (hasNext && hasEnd) vc.error(`Only one of the fields [Next, End] may be set`, loc);
  else if (!hasNext && !hasEnd) vc.error(`These fields are required: [Next | End]`, loc);
  if (hasEnd && raw.End !== true) vc.error(`The value of the field 'End' must be true`, `${loc}/End`);
  if (hasNext) target(vc, raw.Next, states, `${loc}/Next`);
}

function targets(state: JsonObject): string[] {
  const out: string[] = [];
  if (typeof state.Next === 'string') out.push(state.Next);
  if (typeof state.Default === 'string') out.push(state.Default);
  if (Array.isArray(state.Choices))
    for (const c of state.Choices) if (isJsonObject(c) && typeof c.Next === 'string') out.push(c.Next);
  if (Array.isArray(state.Catch))
    for (const c of state.Catch) if (isJsonObject(c) && typeof c.Next === 'string') out.push(c.Next);
  return out;
}
