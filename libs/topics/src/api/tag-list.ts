import type { Sns } from '@switchyard/aws-wire';
import { snsInvalidParameter } from '../errors/sns-errors';

/** A tag list as a map, refusing a key given twice as SNS does. */
export function tagMap(tags: readonly Sns.Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (!tag || tag.Key === undefined)
      throw snsInvalidParameter('Invalid parameter: Tags Reason: a tag needs a Key');
    const { Key, Value = '' } = tag;
    if (Object.prototype.hasOwnProperty.call(out, Key))
      throw snsInvalidParameter('Invalid parameter: Duplicated keys are not allowed.');
    out[Key] = Value;
  }
  return out;
}
