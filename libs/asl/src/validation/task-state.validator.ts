import { QueryLanguage } from '../definition/compiled.types';
import { JsonObject } from '../json/json.types';
import { isJsonataString } from '../jsonata/jsonata-expression';
import { templateMentions } from './template-checks';
import { isPositiveInteger, ValidationContext } from './validation-context';

/** Checks a Task state: resource ARN, timeouts, and the task token reference of `.waitForTaskToken`. */
export function validateTaskState(
  vc: ValidationContext,
  raw: JsonObject,
  loc: string,
  language: QueryLanguage,
): void {
  if ('Resource' in raw && (typeof raw.Resource !== 'string' || !/^arn:[^:]+:[^:]+:/.test(raw.Resource))) {
    vc.error(`Value is not a valid resource ARN`, `${loc}/Resource`, 'INVALID_RESOURCE');
  }
  for (const f of ['TimeoutSeconds', 'HeartbeatSeconds']) {
    if (f in raw && `${f}Path` in raw) vc.error(`Only one of the fields [${f}, ${f}Path] may be set`, loc);
    const v = raw[f];
    if (v !== undefined && !isPositiveInteger(v) && !(language === 'JSONata' && isJsonataString(v))) {
      vc.error(`The value of the field '${f}' must be a positive integer`, `${loc}/${f}`);
    }
  }
  if (
    isPositiveInteger(raw.TimeoutSeconds) &&
    isPositiveInteger(raw.HeartbeatSeconds) &&
    raw.HeartbeatSeconds >= raw.TimeoutSeconds
  ) {
    vc.error(
      `The value of the field 'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'`,
      `${loc}/HeartbeatSeconds`,
    );
  }
  if (typeof raw.Resource === 'string' && raw.Resource.endsWith('.waitForTaskToken')) {
    const field = language === 'JSONata' ? 'Arguments' : 'Parameters';
    const needle = language === 'JSONata' ? '$states.context.Task.Token' : '$$.Task.Token';
    if (!templateMentions(raw[field], needle)) {
      vc.error(
        `The '${field}' field must contain a reference to the task token (${needle}) when using the '.waitForTaskToken' integration pattern`,
        loc,
      );
    }
  }
}
