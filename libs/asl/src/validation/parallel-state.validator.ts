import { isJsonObject, JsonObject } from '../json/json.types';
import { BRANCH_FIELDS } from './state-fields';
import { ValidationContext } from './validation-context';

/** Checks a Parallel state's branches as nested machines. */
export function validateParallelState(
  vc: ValidationContext,
  raw: JsonObject,
  loc: string,
  depth: number,
): void {
  if (!('Branches' in raw)) return;
  if (!Array.isArray(raw.Branches) || raw.Branches.length === 0) {
    vc.error(`The value of the field 'Branches' must be a non-empty array`, `${loc}/Branches`);
    return;
  }
  raw.Branches.forEach((b: unknown, i: number) => {
    const where = `${loc}/Branches[${i}]`;
    if (!isJsonObject(b)) vc.error('A branch must be an object', where);
    else vc.machine(b, where, BRANCH_FIELDS, depth + 1);
  });
}
