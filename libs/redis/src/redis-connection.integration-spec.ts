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
