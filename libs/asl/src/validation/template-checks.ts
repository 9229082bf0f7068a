import { looksLikeIntrinsic, parseIntrinsic } from '../intrinsics/intrinsic.parser';
import { isJsonObject } from '../json/json.types';
import { compileJsonata, isJsonataString } from '../jsonata/jsonata-expression';
import { parseJsonPath } from '../jsonpath/json-path.parser';

/** A problem found inside a template, with the key path it sits at. */
export interface TemplateProblem {
  message: string;
  code: 'SCHEMA_VALIDATION_FAILED' | 'NO_DOLLAR';
}

/** Checks a `.$` value: it must be a JSONPath or an intrinsic call; returns a problem or undefined. */
export function checkDynamicValue(key: string, value: unknown): string | undefined {
  const invalid = `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`;
  if (typeof value !== 'string') return invalid;
  try {
    if (looksLikeIntrinsic(value)) parseIntrinsic(value);
    else parseJsonPath(value);
    return undefined;
  } catch (e) {
    return `${invalid}: ${(e as Error).message}`;
  }
}

/** Walks a JSONPath payload template and reports bad `.$` values and likely-forgotten `.$` suffixes. */
export function checkPayloadTemplate(template: unknown, out: TemplateProblem[]): void {
  if (Array.isArray(template)) {
    for (const item of template) checkPayloadTemplate(item, out);
    return;
  }
  if (!isJsonObject(template)) return;
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      const problem = checkDynamicValue(key, value);
      if (problem) out.push({ code: 'SCHEMA_VALIDATION_FAILED', message: problem });
    } else if (typeof value === 'string' && (/^\$\$?\./.test(value) || /^States\.[A-Za-z]+\(/.test(value))) {
      out.push({
        code: 'NO_DOLLAR',
        message: `The value of the field '${key}' looks like a JSONPath or an intrinsic function, but the field name does not end with '.$'`,
      });
    } else checkPayloadTemplate(value, out);
  }
}

/** Walks a JSONata template and reports `{% %}` strings that do not parse. */
export function checkJsonataTemplate(template: unknown, out: string[]): void {
  if (isJsonataString(template)) {
    try {
      compileJsonata(template);
    } catch (e) {
      out.push((e as Error).message);
    }
    return;
  }
  if (Array.isArray(template)) for (const item of template) checkJsonataTemplate(item, out);
  else if (isJsonObject(template))
    for (const value of Object.values(template)) checkJsonataTemplate(value, out);
}

/** Whether a template mentions a string containing `needle` anywhere. */
export function templateMentions(template: unknown, needle: string): boolean {
  if (typeof template === 'string') return template.includes(needle);
  if (Array.isArray(template)) return template.some((t) => templateMentions(t, needle));
  if (isJsonObject(template)) return Object.values(template).some((t) => templateMentions(t, needle));
  return false;
}
