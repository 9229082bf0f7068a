import { invalidParameter } from '@switchyard/aws-wire';
import { MAX_TAGS } from '../store/queue.store';

/**
 * Checks tag keys and values against AWS's limits; returns the tags (empty when none given). The wire
 * layer has made `tags` a map already; a value may still be missing (a query `Tag.N.Key` without `Value`).
 */
export function checkTags(tags: Record<string, unknown> | undefined): Record<string, string> {
  if (tags === undefined) return {};
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS)
    throw invalidParameter(`Too many tags added for queue. The maximum number of tags is ${MAX_TAGS}.`);
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > 128)
      throw invalidParameter(`Tag key ${key} must be 1 to 128 characters long.`);
    if (key.toLowerCase().startsWith('aws:'))
      throw invalidParameter(`Tag key ${key} must not start with the reserved prefix aws:.`);
    if (typeof value !== 'string' || value.length > 256)
      throw invalidParameter(`Tag value for key ${key} must be a string of at most 256 characters.`);
  }
  return tags as Record<string, string>;
}
