import { isJsonObject, JsonObject } from '../json/json.types';
import { Diagnostic } from './diagnostic.types';
import { validateMachine } from './machine.validator';
import { MACHINE_FIELDS } from './state-fields';
import { isPositiveInteger, ValidationContext } from './validation-context';

/** Validates a definition given as JSON text, returning AWS-style diagnostics (empty when valid). */
export function validateDefinition(definition: string): Diagnostic[] {
  if (typeof definition !== 'string' || definition.trim() === '') {
    return [
      { severity: 'ERROR', code: 'MISSING_DESCRIPTION', message: 'The state machine definition is empty.' },
    ];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (e) {
    return [
      {
        severity: 'ERROR',
        code: 'INVALID_JSON_DESCRIPTION',
        message: `Invalid JSON: ${(e as Error).message}`,
      },
    ];
  }
  if (!isJsonObject(parsed)) {
    return [
      {
        severity: 'ERROR',
        code: 'INVALID_JSON_DESCRIPTION',
        message: 'The state machine definition must be a JSON object.',
      },
    ];
  }
  return validateParsedDefinition(parsed);
}

/** Validates an already parsed definition. */
export function validateParsedDefinition(definition: JsonObject): Diagnostic[] {
  const ql = definition.QueryLanguage;
  const vc: ValidationContext = new ValidationContext(
    ql === 'JSONata' ? 'JSONata' : 'JSONPath',
    (raw, loc, allowed, depth) => validateMachine(vc, raw, loc, allowed, depth),
  );
  if (ql !== undefined && ql !== 'JSONPath' && ql !== 'JSONata') {
    vc.error(`The value of the field 'QueryLanguage' must be 'JSONPath' or 'JSONata'`, '/QueryLanguage');
  }
  if ('TimeoutSeconds' in definition && !isPositiveInteger(definition.TimeoutSeconds)) {
    vc.error(`The value of the field 'TimeoutSeconds' must be a positive integer`, '/TimeoutSeconds');
  }
  if ('Version' in definition && typeof definition.Version !== 'string') {
    vc.error(`The value of the field 'Version' must be a string`, '/Version');
  }
  validateMachine(vc, definition, '', MACHINE_FIELDS, 0);
  return vc.diagnostics;
}
