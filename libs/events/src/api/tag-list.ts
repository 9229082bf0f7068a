import type { Events } from '@switchyard/aws-wire';

/** A tag list as a map (a key given twice keeps its last value). */
export function tagMap(tags: readonly Events.Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) out[tag.Key] = tag.Value;
  return out;
}

/** A tag map as the list the API answers, in key order. */
export function tagList(tags: Record<string, string>): Events.Tag[] {
  return Object.keys(tags)
    .sort()
    .map((Key) => ({ Key, Value: tags[Key] }));
}
