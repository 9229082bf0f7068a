import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connectRedis, freePort, type RedisClient } from '@switchyard/redis';
import { SystemClock } from '@switchyard/runtime';
import { LongPollWaiter } from './long-poll.waiter';

const url = process.env.REDIS_URL;

describe('LongPollWaiter against Redis', () => {
  let redis: RedisClient;
  let waiter: LongPollWaiter;
  let channel: string;

  beforeAll(() => {
    if (!url) throw new Error('REDIS_URL is not set: run with `npm test`');
    redis = connectRedis(url);
  });
  afterAll(() => redis.quit());

  beforeEach(async () => {
    waiter = new LongPollWaiter(redis, new SystemClock());
    channel = `waiter-test:${randomUUID()}`;
    await waiter.acquire(channel);
  });
  afterEach(() => {
    waiter.release(channel);
    waiter.onApplicationShutdown();
  });

  /** Resolves once `count` wake-ups have reached the waiter. */
  async function wakesSeen(count: number): Promise<void> {
    while (waiter.mark(channel) < count) await new Promise((r) => setTimeout(r, 5));
  }

  it('wakes as many sleepers as the wake-up names messages, those that waited longest first', async () => {
    const woken: number[] = [];
    const deadline = Date.now() + 2_000;
    const sleepers = [0, 1, 2].map((i) =>
      waiter.sleep(channel, deadline, waiter.mark(channel)).then(() => woken.push(i)),
    );
    await redis.publish(channel, '2');
    await wakesSeen(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(woken).toEqual([0, 1]);
    await redis.publish(channel, '5');
    await Promise.all(sleepers);
    expect(woken).toEqual([0, 1, 2]);
    expect(Date.now()).toBeLessThan(deadline);
  });

  it('does not sleep when a wake-up came after the mark, since the look it followed may have missed a message', async () => {
    const mark = waiter.mark(channel);
    await redis.publish(channel, '1');
    await wakesSeen(mark + 1);
    const started = Date.now();
    await waiter.sleep(channel, started + 2_000, mark);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops sleeping when the client hangs up, and a wake-up then goes to a sleeper still there', async () => {
    const woken: string[] = [];
    const deadline = Date.now() + 2_000;
    const connection = new AbortController();
    const gone = waiter.sleep(channel, deadline, waiter.mark(channel), connection.signal).then(() => {
      woken.push('gone');
    });
    const live = waiter.sleep(channel, deadline, waiter.mark(channel)).then(() => woken.push('live'));
    connection.abort();
    await gone;
    await redis.publish(channel, '1');
    await live;
    expect(woken).toEqual(['gone', 'live']);
    expect(Date.now()).toBeLessThan(deadline);
    const started = Date.now();
    await waiter.sleep(channel, started + 2_000, waiter.mark(channel), connection.signal);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('sleeps until the deadline when nothing wakes it', async () => {
    const started = Date.now();
    await waiter.sleep(channel, started + 100, waiter.mark(channel));
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });
});

describe('LongPollWaiter when Redis is out of reach', () => {
  it('lets a later poll subscribe again once Redis is back, after a subscription failed', async () => {
    const port = await freePort();
    const client = connectRedis(`redis://127.0.0.1:${port}`);
    client.on('error', () => undefined);
    const waiter = new LongPollWaiter(client, new SystemClock());
    let server: ChildProcess | undefined;
    try {
      await expect(waiter.acquire('outage')).rejects.toThrow();
      server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      // Wait until Redis answers (the client reconnects by itself), then poll again.
      for (;;) {
        try {
          if ((await client.ping()) === 'PONG') break;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await expect(waiter.acquire('outage')).resolves.toBeUndefined();
      waiter.release('outage');
    } finally {
      waiter.onApplicationShutdown();
      client.disconnect();
      server?.kill('SIGKILL');
    }
  }, 30_000);
});
