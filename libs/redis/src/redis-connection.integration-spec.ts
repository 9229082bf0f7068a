import type { Socket } from 'node:net';
import { connectRedis, duplicateConnection } from './redis-connection';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('a subscriber connection', () => {
  it('takes subscriptions made while it connects, one after another', async () => {
    const main = connectRedis(url);
    try {
      await main.ping();
      for (let round = 0; round < 5; round++) {
        const subscriber = duplicateConnection(main, { subscriber: true });
        try {
          // Each SUBSCRIBE goes out on a later turn of the event loop, as receives arrive; without
          // `subscriber`, those sent while the connection is being checked fail.
          const subscriptions: Promise<unknown>[] = [];
          for (let i = 0; i < 10; i++) {
            subscriptions.push(subscriber.subscribe(`sy-test-subscriber-${round}-${i}`));
            await new Promise((resolve) => setImmediate(resolve));
          }
          await expect(Promise.all(subscriptions)).resolves.toHaveLength(10);
        } finally {
          subscriber.disconnect();
        }
      }
    } finally {
      main.disconnect();
    }
  });
});

describe('commands sent in one tick', () => {
  it('leave in one socket write, in order, and the next tick writes again', async () => {
    const redis = connectRedis(url);
    const key = `sy-test-coalesce-${process.pid}`;
    try {
      await redis.ping();
      const socket = (redis as unknown as { stream: Socket }).stream;
      const replies = Promise.all([redis.set(key, '1'), redis.incr(key), redis.get(key), redis.del(key)]);
      // Held until the tick ends, then written together.
      expect(socket.writableCorked).toBe(1);
      expect(socket.writableLength).toBeGreaterThan(0);
      await new Promise((resolve) => process.nextTick(resolve));
      expect(socket.writableCorked).toBe(0);
      await expect(replies).resolves.toEqual(['OK', 2, '2', 1]);
      // A later tick is corked afresh.
      const again = redis.ping();
      expect(socket.writableCorked).toBe(1);
      await expect(again).resolves.toBe('PONG');
    } finally {
      redis.disconnect();
    }
  });

  it('are coalesced on a duplicated connection too', async () => {
    const main = connectRedis(url);
    const copy = duplicateConnection(main);
    try {
      await copy.ping();
      const socket = (copy as unknown as { stream: Socket }).stream;
      const replies = Promise.all([copy.ping(), copy.echo('two')]);
      expect(socket.writableCorked).toBe(1);
      await expect(replies).resolves.toEqual(['PONG', 'two']);
    } finally {
      copy.disconnect();
      main.disconnect();
    }
  });
});
