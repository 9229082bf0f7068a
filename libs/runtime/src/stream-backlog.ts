import type { RedisClient } from '@switchyard/redis';

/** Entries counted one by one at most, when Redis cannot tell a group's lag. */
const MAX_COUNTED = 10_000;

/**
 * Work a consumer group has not finished on a stream: entries it has not read yet (its lag) plus
 * those read and not acknowledged (its pending entries). A stream or group not made yet counts its
 * length. When Redis cannot tell the lag (entries deleted past what the group read), the entries
 * after the group's last read one are counted, up to 10,000.
 */
export async function streamBacklog(redis: RedisClient, stream: string, group: string): Promise<number> {
  let groups: unknown[][];
  try {
    groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
  } catch (e) {
    if (String((e as Error).message).includes('no such key')) return 0;
    throw e;
  }
  const info = groups
    .map((fields) => {
      const record: Record<string, unknown> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) record[String(fields[i])] = fields[i + 1];
      return record;
    })
    .find((record) => record.name === group);
  if (!info) return redis.xlen(stream);
  const pending = Number(info.pending ?? 0);
  if (info.lag !== null && info.lag !== undefined) return pending + Number(info.lag);
  const unread = await redis.xrange(
    stream,
    `(${String(info['last-delivered-id'])}`,
    '+',
    'COUNT',
    MAX_COUNTED,
  );
  return pending + unread.length;
}
