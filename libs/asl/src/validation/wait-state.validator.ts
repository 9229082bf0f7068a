import { parseTimestamp } from '../choice/timestamp';
import { QueryLanguage } from '../definition/compiled.types';
import { JsonObject } from '../json/json.types';
import { isJsonataString } from '../jsonata/jsonata-expression';
import { isNonNegativeInteger, ValidationContext } from './validation-context';

/** Checks a Wait state: exactly one timing field, of the right form. */
export function validateWaitState(
  vc: ValidationContext,
  raw: JsonObject,
  loc: string,
  language: QueryLanguage,
): void {
  const present = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter((f) => f in raw);
  if (present.length !== 1) {
    vc.error(`Exactly one of the fields [Seconds, Timestamp, SecondsPath, TimestampPath] is required`, loc);
    return;
  }
  const jsonata = language === 'JSONata';
  if ('Seconds' in raw && !isNonNegativeInteger(raw.Seconds) && !(jsonata && isJsonataString(raw.Seconds))) {
    vc.error(`The value of the field 'Seconds' must be a non-negative integer`, `${loc}/Seconds`);
  }
  if (
    'Timestamp' in raw &&
    parseTimestamp(raw.Timestamp) === undefined &&
    !(jsonata && isJsonataString(raw.Timestamp))
  ) {
    vc.error(`The value of the field 'Timestamp' must be an RFC3339 timestamp`, `${loc}/Timestamp`);
  }
}
