import { JsonObject } from '../json/json.types';
import { ValidationContext } from './validation-context';

/** Checks a Fail state: Error/ErrorPath and Cause/CausePath are mutually exclusive strings. */
export function validateFailState(vc: ValidationContext, raw: JsonObject, loc: string): void {
  if ('Error' in raw && 'ErrorPath' in raw)
    vc.error('Only one of the fields [Error, ErrorPath] may be set', loc);
  if ('Cause' in raw && 'CausePath' in raw)
    vc.error('Only one of the fields [Cause, CausePath] may be set', loc);
  for (const f of ['Error', 'Cause']) {
    if (f in raw && typeof raw[f] !== 'string')
      vc.error(`The value of the field '${f}' must be a string`, `${loc}/${f}`);
  }
}
