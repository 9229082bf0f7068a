import { randomUUID } from 'node:crypto';
import { connectRedis, type RedisClient, RedisKeys } from '@switchyard/redis';
import { ActivityStore } from './activity.store';

const url = process.env.REDIS_URL;

describe('ActivityStore against Redis', () => {
  let redis: RedisClient;
  const activity = { accountId: '000000000000', region: 'us-east-1', name: 'approve' };
  const now = 1_800_000_000_000;

  beforeAll(() => {
    if (!url) throw new Error('REDIS_URL is not set: run with `npm test`');
    redis = connectRedis(url);
  });
  afterAll(() => redis.quit());

  it('counts open polls across gateways, up to the limit, forgetting those past their end', async () => {
    const keys = new RedisKeys(`t${randomUUID().slice(0, 8)}`);
    // Two gateways: two stores on one Redis.
    const [a, b] = [new ActivityStore(redis, keys), new ActivityStore(redis, keys)];
    expect(await a.openPoll(activity, 'a1', now, now + 65_000, 2)).toBe(true);
    expect(await b.openPoll(activity, 'b1', now, now + 65_000, 2)).toBe(true);
    expect(await b.openPoll(activity, 'b2', now, now + 65_000, 2)).toBe(false);
    await a.closePoll(activity, 'a1');
    expect(await b.openPoll(activity, 'b2', now, now + 65_000, 2)).toBe(true);
    // The gateway of b1 and b2 died: once their end has passed they no longer count.
    expect(await a.openPoll(activity, 'a2', now + 60_000, now + 125_000, 2)).toBe(false);
    expect(await a.openPoll(activity, 'a2', now + 65_001, now + 130_000, 2)).toBe(true);
  });
});
