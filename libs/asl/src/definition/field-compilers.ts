import { looksLikeIntrinsic, parseIntrinsic } from '../intrinsics/intrinsic.parser';
import { JsonObject } from '../json/json.types';
import { compileJsonata, isJsonataString } from '../jsonata/jsonata-expression';
import { compileJsonataTemplate, JsonataTemplate } from '../jsonata/jsonata-template';
import { parseJsonPath } from '../jsonpath/json-path.parser';
import { CompiledPath } from '../jsonpath/json-path.types';
import { parseReferencePath } from '../jsonpath/reference-path';
import { compilePayloadTemplate, PayloadTemplate } from '../processing/payload-template';
import { AssignSpec, CompiledCatcher, CompiledRetrier, DynamicValue, QueryLanguage } from './compiled.types';

/** Raised when a definition cannot be compiled; `location` points into the definition like AWS's diagnostics. */
export class DefinitionError extends Error {
  constructor(
    message: string,
    readonly location: string,
  ) {
    super(message);
    this.name = 'DefinitionError';
  }
}

/** Wraps a field's compilation so that a failure names the field's location. */
export function at<T>(location: string, compile: () => T): T {
  try {
    return compile();
  } catch (e) {
    if (e instanceof DefinitionError) throw e;
    throw new DefinitionError((e as Error).message, location);
  }
}

/** InputPath/OutputPath: undefined when absent, null when set to null, else the parsed path. */
export function optionalPath(raw: JsonObject, field: string, loc: string): CompiledPath | null | undefined {
  if (!(field in raw)) return undefined;
  const v = raw[field];
  if (v === null) return null;
  return at(`${loc}/${field}`, () => parseJsonPath(String(v)));
}

/** A JSONPath payload template field, if present. */
export function template(raw: JsonObject, field: string, loc: string): PayloadTemplate | undefined {
  if (!(field in raw)) return undefined;
  return at(`${loc}/${field}`, () => compilePayloadTemplate(raw[field]));
}

/**
 * A JSONata template field, if present; `place` is where the field sits in its state as AWS names
 * it in failure causes (`Output`, `ItemReader/Arguments`), by default the field's name.
 */
export function jsonataTemplate(
  raw: JsonObject,
  field: string,
  loc: string,
  place = field,
): JsonataTemplate | undefined {
  if (!(field in raw)) return undefined;
  return at(`${loc}/${field}`, () => compileJsonataTemplate(raw[field], place));
}

/** Assign in the state's query language, if present; `prefix` places it below its state (`Catch[0]/`). */
export function assignSpec(
  raw: JsonObject,
  language: QueryLanguage,
  loc: string,
  prefix = '',
): AssignSpec | undefined {
  if (!('Assign' in raw)) return undefined;
  return language === 'JSONata'
    ? { kind: 'jsonata', template: jsonataTemplate(raw, 'Assign', loc, `${prefix}Assign`)! }
    : { kind: 'jsonpath', template: template(raw, 'Assign', loc)! };
}

/** A field with a literal form `X`, a JSONPath form `XPath`, and a JSONata form (`X` holding `{% %}`). */
export function dynamicValue(
  raw: JsonObject,
  field: string,
  loc: string,
  language: QueryLanguage,
): DynamicValue | undefined {
  const pathField = `${field}Path`;
  if (pathField in raw) {
    const text = String(raw[pathField]);
    if (looksLikeIntrinsic(text)) {
      return {
        kind: 'intrinsic',
        call: at(`${loc}/${pathField}`, () => parseIntrinsic(text)),
        field: pathField,
      };
    }
    return { kind: 'path', path: at(`${loc}/${pathField}`, () => parseJsonPath(text)), field: pathField };
  }
  if (!(field in raw)) return undefined;
  const v = raw[field];
  if (language === 'JSONata' && isJsonataString(v)) {
    return { kind: 'jsonata', expr: at(`${loc}/${field}`, () => compileJsonata(v)), field };
  }
  return { kind: 'literal', value: v };
}

/** A template field in the state's query language, if present. */
export function either(
  raw: JsonObject,
  field: string,
  loc: string,
  language: QueryLanguage,
  place = field,
): PayloadTemplate | JsonataTemplate | undefined {
  return language === 'JSONata' ? jsonataTemplate(raw, field, loc, place) : template(raw, field, loc);
}

/** Retry entries with AWS's defaults applied: 1 second, 3 attempts, backoff 2, no jitter. */
export function compileRetry(raw: unknown): CompiledRetrier[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((r: JsonObject) => ({
    errorEquals: r.ErrorEquals as string[],
    intervalSeconds: typeof r.IntervalSeconds === 'number' ? r.IntervalSeconds : 1,
    maxAttempts: typeof r.MaxAttempts === 'number' ? r.MaxAttempts : 3,
    backoffRate: typeof r.BackoffRate === 'number' ? r.BackoffRate : 2,
    maxDelaySeconds: typeof r.MaxDelaySeconds === 'number' ? r.MaxDelaySeconds : undefined,
    jitterStrategy: r.JitterStrategy === 'FULL' ? 'FULL' : 'NONE',
  }));
}

/** Catch entries with their ResultPath or Output and Assign compiled. */
export function compileCatch(raw: unknown, language: QueryLanguage, loc: string): CompiledCatcher[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((c: JsonObject, i: number) => {
    const cloc = `${loc}/Catch[${i}]`;
    return {
      errorEquals: c.ErrorEquals as string[],
      next: c.Next as string,
      resultPath:
        'ResultPath' in c
          ? c.ResultPath === null
            ? null
            : at(`${cloc}/ResultPath`, () => parseReferencePath(String(c.ResultPath)))
          : undefined,
      output: language === 'JSONata' ? jsonataTemplate(c, 'Output', cloc, `Catch[${i}]/Output`) : undefined,
      assign: assignSpec(c, language, cloc, `Catch[${i}]/`),
    };
  });
}
