import { QueryLanguage, StateType } from '../definition/compiled.types';
import { looksLikeIntrinsic, parseIntrinsic } from '../intrinsics/intrinsic.parser';
import { isJsonObject, JsonObject } from '../json/json.types';
import { RESERVED_JSONATA_NAMES } from '../jsonata/aws-jsonata-functions';
import { compileJsonata, isJsonataString } from '../jsonata/jsonata-expression';
import { parseJsonPath } from '../jsonpath/json-path.parser';
import { parseReferencePath } from '../jsonpath/reference-path';
import { checkJsonataTemplate, checkPayloadTemplate, TemplateProblem } from './template-checks';
import { ValidationContext } from './validation-context';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_NAME_LENGTH = 80;

/** Checks a path field: JSONPath, Reference Path or (for ErrorPath/CausePath) an intrinsic call. */
export function checkPath(
  vc: ValidationContext,
  raw: JsonObject,
  field: string,
  loc: string,
  options: { nullable?: boolean; reference?: boolean; intrinsic?: boolean } = {},
): void {
  if (!(field in raw)) return;
  const value = raw[field];
  if (value === null && options.nullable) return;
  const where = `${loc}/${field}`;
  if (typeof value !== 'string') {
    vc.error(`The value for the field '${field}' must be a valid JSONPath`, where);
    return;
  }
  try {
    if (options.intrinsic && looksLikeIntrinsic(value)) parseIntrinsic(value);
    else if (options.reference) parseReferencePath(value);
    else parseJsonPath(value);
  } catch (e) {
    vc.error(
      `The value for the field '${field}' must be a valid ${options.reference ? 'Reference Path' : 'JSONPath'}: ${(e as Error).message}`,
      where,
    );
  }
}

/** Checks a JSONPath payload template, reporting bad `.$` values and likely-missing `.$` suffixes. */
export function checkTemplate(vc: ValidationContext, value: unknown, field: string, where: string): void {
  const problems: TemplateProblem[] = [];
  checkPayloadTemplate(value, problems);
  for (const p of problems) {
    if (p.code === 'NO_DOLLAR') vc.warn('NO_DOLLAR', p.message, where);
    else vc.error(p.message, where);
  }
  if (
    field !== 'Assign' &&
    value !== undefined &&
    !isJsonObject(value) &&
    !Array.isArray(value) &&
    field === 'ResultSelector'
  ) {
    vc.error(`The value of the field '${field}' must be an object`, where);
  }
}

/** Checks every `{% %}` expression inside a JSONata-state value. */
export function checkJsonata(vc: ValidationContext, value: unknown, field: string, where: string): void {
  const problems: string[] = [];
  checkJsonataTemplate(value, problems);
  for (const p of problems)
    vc.error(`The value for the field '${field}' must be a valid JSONata expression: ${p}`, where);
}

/** Checks a single `{% %}` expression. */
export function checkJsonataExpression(
  vc: ValidationContext,
  text: string,
  field: string,
  where: string,
): void {
  try {
    compileJsonata(text);
  } catch (e) {
    vc.error(
      `The value for the field '${field}' must be a valid JSONata expression: ${(e as Error).message}`,
      where,
    );
  }
}

/** Checks the path and template fields of a JSONPath state. */
export function checkJsonPathFields(
  vc: ValidationContext,
  type: StateType,
  raw: JsonObject,
  loc: string,
): void {
  checkPath(vc, raw, 'InputPath', loc, { nullable: true });
  checkPath(vc, raw, 'OutputPath', loc, { nullable: true });
  checkPath(vc, raw, 'ResultPath', loc, { nullable: true, reference: true });
  checkPath(vc, raw, 'ItemsPath', loc);
  for (const f of [
    'SecondsPath',
    'TimestampPath',
    'TimeoutSecondsPath',
    'HeartbeatSecondsPath',
    'MaxConcurrencyPath',
    'ToleratedFailureCountPath',
    'ToleratedFailurePercentagePath',
  ]) {
    checkPath(vc, raw, f, loc);
  }
  checkPath(vc, raw, 'ErrorPath', loc, { intrinsic: true });
  checkPath(vc, raw, 'CausePath', loc, { intrinsic: true });
  for (const f of ['Parameters', 'ResultSelector', 'ItemSelector', 'Credentials']) {
    if (f in raw) checkTemplate(vc, raw[f], f, `${loc}/${f}`);
  }
  if (type === 'Map' && 'ItemSelector' in raw && 'Parameters' in raw) {
    vc.error(`Only one of the fields [ItemSelector, Parameters] may be set`, loc);
  }
}

/** Checks the expression fields of a JSONata state. */
export function checkJsonataFields(vc: ValidationContext, raw: JsonObject, loc: string): void {
  for (const f of [
    'Arguments',
    'Output',
    'Items',
    'ItemSelector',
    'Credentials',
    'Seconds',
    'Timestamp',
    'TimeoutSeconds',
    'HeartbeatSeconds',
    'MaxConcurrency',
    'ToleratedFailureCount',
    'ToleratedFailurePercentage',
    'Error',
    'Cause',
  ]) {
    if (f in raw) checkJsonata(vc, raw[f], f, `${loc}/${f}`);
  }
  if ('Items' in raw && !Array.isArray(raw.Items) && !isJsonataString(raw.Items)) {
    vc.error(`The value of the field 'Items' must be an array or a JSONata expression`, `${loc}/Items`);
  }
}

/** Checks Assign: variable names, then the values in the state's query language. */
export function checkAssign(
  vc: ValidationContext,
  value: unknown,
  language: QueryLanguage,
  where: string,
): void {
  if (!isJsonObject(value)) {
    vc.error(`The value of the field 'Assign' must be an object`, where);
    return;
  }
  for (const key of Object.keys(value)) {
    const name = language === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
    if (!VARIABLE_NAME.test(name) || name.length > MAX_NAME_LENGTH) {
      vc.error(
        `The variable name '${name}' is not valid: it must start with a letter or '_' and contain only letters, digits and '_'`,
        where,
      );
    } else if (language === 'JSONata' && RESERVED_JSONATA_NAMES.has(name)) {
      vc.error(`The variable name '${name}' is reserved`, where);
    }
  }
  if (language === 'JSONPath') checkTemplate(vc, value, 'Assign', where);
  else checkJsonata(vc, value, 'Assign', where);
}
