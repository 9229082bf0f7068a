import type { RedisClient } from '@switchyard/redis';

/**
 * Names from a sorted set whose members all score 0, in name order: those starting with `prefix`,
 * after `after`, at most `limit` of them. Names are ASCII letters, digits, `.`, `-` and `_`, so
 * `\x7f` sorts after every name of a prefix.
 */
export function namesInOrder(
  redis: RedisClient,
  key: string,
  options: { prefix?: string; after?: string; limit: number },
): Promise<string[]> {
  const { prefix = '', after, limit } = options;
  const start = after !== undefined && after >= prefix ? `(${after}` : `[${prefix}`;
  const end = prefix ? `[${prefix}\x7f` : '+';
  return redis.zrangebylex(key, start, end, 'LIMIT', 0, limit);
}

/** A script's bare store code with the entity's name as its detail, so the error can name it. */
export function named<T>(reply: T, name: string): T | [number, string] {
  return typeof reply === 'number' && reply < 0 ? [reply, name] : reply;
}
