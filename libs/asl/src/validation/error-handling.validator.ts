import { QueryLanguage } from '../definition/compiled.types';
import { PREDEFINED_ERROR_NAMES } from '../errors/states-error';
import { isJsonObject, JsonObject } from '../json/json.types';
import { checkAssign, checkJsonata, checkPath } from './field-checks';
import { CATCHER_FIELDS, RETRIER_FIELDS } from './state-fields';
import { isNonNegativeInteger, isPositiveInteger, target, ValidationContext } from './validation-context';

/** Checks an ErrorEquals list: non-empty strings, known `States.*` names, States.ALL alone and last. */
export function checkErrorEquals(vc: ValidationContext, list: unknown, where: string, isLast: boolean): void {
  if (!Array.isArray(list) || list.length === 0 || !list.every((e) => typeof e === 'string')) {
    vc.error(
      `The value of the field 'ErrorEquals' must be a non-empty array of strings`,
      `${where}/ErrorEquals`,
    );
    return;
  }
  for (const name of list as string[]) {
    // HTTP Task errors carry the status code in the name: States.Http.StatusCode.429, States.Http.Socket.
    if (name.startsWith('States.') && !PREDEFINED_ERROR_NAMES.has(name) && !name.startsWith('States.Http.')) {
      vc.error(`'${name}' is not a predefined error name`, `${where}/ErrorEquals`);
    }
  }
  if (list.includes('States.ALL')) {
    if (list.length > 1) vc.error(`'States.ALL' must appear alone in ErrorEquals`, `${where}/ErrorEquals`);
    if (!isLast)
      vc.error(`'States.ALL' must appear in the last element of the array`, `${where}/ErrorEquals`);
  }
}

/** Checks each retrier's fields and bounds. */
export function checkRetry(vc: ValidationContext, list: unknown[], loc: string): void {
  list.forEach((r, i) => {
    const where = `${loc}[${i}]`;
    if (!isJsonObject(r)) {
      vc.error('A retrier must be an object', where);
      return;
    }
    for (const key of Object.keys(r))
      if (!RETRIER_FIELDS.has(key)) vc.error(`Field '${key}' is not supported`, where);
    if (!('ErrorEquals' in r)) vc.error('These fields are required: [ErrorEquals]', where);
    else checkErrorEquals(vc, r.ErrorEquals, where, i === list.length - 1);
    if ('IntervalSeconds' in r && !isPositiveInteger(r.IntervalSeconds))
      vc.error(
        `The value of the field 'IntervalSeconds' must be a positive integer`,
        `${where}/IntervalSeconds`,
      );
    if ('MaxAttempts' in r && !isNonNegativeInteger(r.MaxAttempts))
      vc.error(`The value of the field 'MaxAttempts' must be a non-negative integer`, `${where}/MaxAttempts`);
    if ('BackoffRate' in r && !(typeof r.BackoffRate === 'number' && r.BackoffRate >= 1))
      vc.error(
        `The value of the field 'BackoffRate' must be a number greater than or equal to 1.0`,
        `${where}/BackoffRate`,
      );
    if ('MaxDelaySeconds' in r && !isPositiveInteger(r.MaxDelaySeconds))
      vc.error(
        `The value of the field 'MaxDelaySeconds' must be a positive integer`,
        `${where}/MaxDelaySeconds`,
      );
    if ('JitterStrategy' in r && r.JitterStrategy !== 'FULL' && r.JitterStrategy !== 'NONE')
      vc.error(`The value of the field 'JitterStrategy' must be FULL or NONE`, `${where}/JitterStrategy`);
  });
}

/** Checks each catcher's fields, target, ResultPath or Output, and Assign. */
export function checkCatchers(
  vc: ValidationContext,
  list: unknown[],
  loc: string,
  states: JsonObject,
  language: QueryLanguage,
): void {
  list.forEach((c, i) => {
    const where = `${loc}[${i}]`;
    if (!isJsonObject(c)) {
      vc.error('A catcher must be an object', where);
      return;
    }
    for (const key of Object.keys(c)) {
      if (!CATCHER_FIELDS.has(key)) vc.error(`Field '${key}' is not supported`, where);
      else if (language === 'JSONata' && key === 'ResultPath')
        vc.error(
          `The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage`,
          where,
        );
      else if (language === 'JSONPath' && key === 'Output')
        vc.error(
          `The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage`,
          where,
        );
    }
    const missing = ['ErrorEquals', 'Next'].filter((f) => !(f in c));
    if (missing.length) vc.error(`These fields are required: [${missing.join(', ')}]`, where);
    if ('ErrorEquals' in c) checkErrorEquals(vc, c.ErrorEquals, where, i === list.length - 1);
    if ('Next' in c) target(vc, c.Next, states, `${where}/Next`);
    if (language === 'JSONPath') checkPath(vc, c, 'ResultPath', where, { nullable: true, reference: true });
    if ('Output' in c && language === 'JSONata') checkJsonata(vc, c.Output, 'Output', `${where}/Output`);
    if ('Assign' in c) checkAssign(vc, c.Assign, language, `${where}/Assign`);
  });
}
