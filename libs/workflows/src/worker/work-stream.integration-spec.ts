import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import { connectRedis, type RedisClient } from '@switchyard/redis';
import { type WorkEntry, WorkStream } from './work-stream';

const url = process.env.REDIS_URL;

describe('WorkStream against Redis', () => {
  let redis: RedisClient;
  beforeAll(() => {
    if (!url) throw new Error('REDIS_URL is not set: run with `npm test`');
    redis = connectRedis(url);
  });
  afterAll(() => redis.quit());

  it('names what a failed entry was for, claims it again later, and deletes it once handled', async () => {
    const key = `t${randomUUID().slice(0, 8)}:{wf}:work`;
    const warnings: string[] = [];
    const log = { warn: (line: string) => warnings.push(line) } as unknown as Logger;
    const seen: WorkEntry[] = [];
    const stream = new WorkStream(
      redis,
      key,
      'x-test',
      { limit: 4, perRead: 4, claimIdleMs: 50, claimEveryMs: 50, describe: (text) => `about ${text}` },
      async (entry) => {
        seen.push(entry);
        if (seen.length === 1) throw new Error('Redis went away');
      },
      log,
    );
    await stream.start();
    try {
      const id = (await redis.xadd(key, '*', 'w', 'the execution'))!;
      const deadline = Date.now() + 5_000;
      while ((seen.length < 2 || (await redis.xlen(key)) > 0) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(warnings).toEqual([
        `work item ${id} (about the execution) failed, retried later: Redis went away`,
      ]);
      expect(seen).toEqual([
        { id, text: 'the execution', claimed: false },
        { id, text: 'the execution', claimed: true },
      ]);
      expect(await redis.xlen(key)).toBe(0);
      expect(await stream.backlog()).toBe(0);
    } finally {
      await stream.stop();
      await redis.del(key);
    }
  });
});
