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

  it('takes a trickle in batches once entries gather, and acknowledges and deletes each batch together', async () => {
    const key = `t${randomUUID().slice(0, 8)}:{wf}:work`;
    const log = { warn: () => undefined } as unknown as Logger;
    const handled: string[] = [];
    /** How many entries were being handled at each handler's start: more than one means a batch. */
    const together: number[] = [];
    let inHand = 0;
    const stream = new WorkStream(
      redis,
      key,
      'x-test',
      {
        limit: 16,
        perRead: 16,
        gatherMs: 30,
        claimIdleMs: 60_000,
        claimEveryMs: 60_000,
        describe: (text) => text,
      },
      async (entry) => {
        inHand++;
        together.push(inHand);
        await new Promise((r) => setImmediate(r));
        handled.push(entry.text!);
        inHand--;
      },
      log,
    );
    await stream.start();
    try {
      // One entry every 2 ms: the first read takes the first alone, later ones take what gathered.
      for (let i = 0; i < 20; i++) {
        await redis.xadd(key, '*', 'w', `e${i}`);
        await new Promise((r) => setTimeout(r, 2));
      }
      const deadline = Date.now() + 5_000;
      while ((handled.length < 20 || (await redis.xlen(key)) > 0) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(handled.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`).sort());
      expect(Math.max(...together)).toBeGreaterThan(1);
      expect(await redis.xlen(key)).toBe(0);
      expect(await stream.backlog()).toBe(0);
    } finally {
      await stream.stop();
      await redis.del(key);
    }
  });
});
