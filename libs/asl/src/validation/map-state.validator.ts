import { QueryLanguage } from '../definition/compiled.types';
import { isJsonObject, JsonObject } from '../json/json.types';
import { isJsonataString } from '../jsonata/jsonata-expression';
import { checkJsonata, checkTemplate } from './field-checks';
import { BRANCH_FIELDS } from './state-fields';
import { isNonNegativeInteger, ValidationContext } from './validation-context';

/** Checks a Map state: its item processor, Distributed-only fields, limits, reader and writer. */
export function validateMapState(
  vc: ValidationContext,
  raw: JsonObject,
  loc: string,
  language: QueryLanguage,
  depth: number,
): void {
  const field = 'ItemProcessor' in raw ? 'ItemProcessor' : 'Iterator' in raw ? 'Iterator' : undefined;
  if (!field) {
    vc.error('These fields are required: [ItemProcessor]', loc);
    return;
  }
  if ('ItemProcessor' in raw && 'Iterator' in raw)
    vc.error('Only one of the fields [ItemProcessor, Iterator] may be set', loc);
  const processor = raw[field];
  const where = `${loc}/${field}`;
  if (!isJsonObject(processor)) {
    vc.error(`The value of the field '${field}' must be an object`, where);
    return;
  }
  let mode = 'INLINE';
  if (isJsonObject(processor.ProcessorConfig)) {
    const config = processor.ProcessorConfig;
    if (config.Mode !== undefined && config.Mode !== 'INLINE' && config.Mode !== 'DISTRIBUTED') {
      vc.error(
        `The value of the field 'Mode' must be INLINE or DISTRIBUTED`,
        `${where}/ProcessorConfig/Mode`,
      );
    }
    mode = config.Mode === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE';
    if (
      config.ExecutionType !== undefined &&
      config.ExecutionType !== 'STANDARD' &&
      config.ExecutionType !== 'EXPRESS'
    ) {
      vc.error(
        `The value of the field 'ExecutionType' must be STANDARD or EXPRESS`,
        `${where}/ProcessorConfig/ExecutionType`,
      );
    }
    if (mode === 'DISTRIBUTED' && config.ExecutionType === undefined) {
      vc.error('These fields are required: [ExecutionType]', `${where}/ProcessorConfig`);
    }
  }
  vc.machine(processor, where, new Set([...BRANCH_FIELDS, 'ProcessorConfig']), depth + 1);
  if (mode === 'INLINE') {
    for (const f of [
      'ItemReader',
      'ItemBatcher',
      'ResultWriter',
      'ToleratedFailureCount',
      'ToleratedFailureCountPath',
      'ToleratedFailurePercentage',
      'ToleratedFailurePercentagePath',
      'Label',
    ]) {
      // AWS runs an inline JSONata Map that sets ToleratedFailureCount or ToleratedFailurePercentage.
      if (f in raw && !(language === 'JSONata' && f.startsWith('ToleratedFailure')))
        vc.error(`Field '${f}' is only supported when the ProcessorConfig Mode is DISTRIBUTED`, loc);
    }
  }
  const jsonata = language === 'JSONata';
  const numberField = (f: string, check: (v: unknown) => boolean, what: string) => {
    if (f in raw && !check(raw[f]) && !(jsonata && isJsonataString(raw[f])))
      vc.error(`The value of the field '${f}' must be ${what}`, `${loc}/${f}`);
    if (f in raw && `${f}Path` in raw) vc.error(`Only one of the fields [${f}, ${f}Path] may be set`, loc);
  };
  numberField('MaxConcurrency', isNonNegativeInteger, 'a non-negative integer');
  numberField('ToleratedFailureCount', isNonNegativeInteger, 'a non-negative integer');
  numberField(
    'ToleratedFailurePercentage',
    (v) => typeof v === 'number' && v >= 0 && v <= 100,
    'a number between 0 and 100',
  );
  if (
    'Label' in raw &&
    (typeof raw.Label !== 'string' || raw.Label.length > 40 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(raw.Label))
  ) {
    vc.error(`The value of the field 'Label' is not a valid label`, `${loc}/Label`, 'INVALID_LABEL_NAME');
  }
  for (const f of ['ItemReader', 'ResultWriter']) {
    const section = raw[f];
    if (section === undefined) continue;
    if (!isJsonObject(section)) {
      vc.error(`The value of the field '${f}' must be an object`, `${loc}/${f}`);
      continue;
    }
    if (f === 'ItemReader' && !('Resource' in section))
      vc.error('These fields are required: [Resource]', `${loc}/${f}`);
    if (!jsonata && isJsonObject(section.Parameters))
      checkTemplate(vc, section.Parameters, 'Parameters', `${loc}/${f}/Parameters`);
    if (jsonata && 'Arguments' in section)
      checkJsonata(vc, section.Arguments, 'Arguments', `${loc}/${f}/Arguments`);
  }
  if ('ItemBatcher' in raw && !isJsonObject(raw.ItemBatcher))
    vc.error(`The value of the field 'ItemBatcher' must be an object`, `${loc}/ItemBatcher`);
}
