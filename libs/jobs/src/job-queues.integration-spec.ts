import { randomUUID } from 'node:crypto';
import { connectRedis, type RedisClient, RedisKeys } from '@switchyard/redis';
import { JobQueues } from './job-queues';

const url = process.env.REDIS_URL;

describe('JobQueues against Redis', () => {
  let redis: RedisClient;
  let keys: RedisKeys;
  let producer: JobQueues;
  let consumer: JobQueues;

  beforeAll(() => {
    if (!url) throw new Error('REDIS_URL is not set: run with `npm test`');
    redis = connectRedis(url);
  });
  afterAll(() => redis.quit());

  beforeEach(() => {
    keys = new RedisKeys(`t${randomUUID().slice(0, 8)}`);
    producer = new JobQueues(redis, keys);
    consumer = new JobQueues(redis, keys);
  });
  afterEach(async () => {
    await consumer.onApplicationShutdown();
    await producer.onApplicationShutdown();
    const stale = await redis.keys(`${keys.prefix}:*`);
    if (stale.length) await redis.del(...stale);
  });

  it("runs a job added through one instance on another's worker, under the feature's hash-tagged prefix", async () => {
    const seen = new Promise<unknown>((resolve) =>
      consumer.worker<{ n: number }>('test', 'greetings', async (job) => resolve(job.data)),
    );
    await producer.queue<{ n: number }>('test', 'greetings').add('hello', { n: 7 });
    expect(await seen).toEqual({ n: 7 });
    expect(await redis.keys(`${keys.prefix}:{jobs:test}:greetings:*`)).not.toHaveLength(0);
    expect(await redis.keys(`${keys.prefix}:{jobs}:*`)).toHaveLength(0);
  });

  it('hands out one queue per feature and name', () => {
    expect(producer.queue('test', 'a')).toBe(producer.queue('test', 'a'));
    expect(producer.queue('test', 'a')).not.toBe(producer.queue('other', 'a'));
    expect(() => producer.queue('te}st', 'a')).toThrow('invalid jobs feature name');
  });

  it('on shutdown lets an active job finish, then closes its workers and queues and refuses new ones', async () => {
    let release!: () => void;
    const started = new Promise<void>((resolve) => {
      consumer.worker('test', 'slow', () => {
        resolve();
        return new Promise<string>((done) => (release = () => done('finished')));
      });
    });
    const queue = producer.queue('test', 'slow');
    const job = await queue.add('slow', {});
    await started;
    expect(await queue.getWorkersCount()).toBe(1);

    let closed = false;
    const shutdown = consumer.onApplicationShutdown().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(false);
    release();
    await shutdown;

    expect(await queue.getJobState(job.id!)).toBe('completed');
    expect(await queue.getWorkersCount()).toBe(0);
    expect(() => producer.queue('test', 'slow')).not.toThrow();
    await producer.onApplicationShutdown();
    expect(() => producer.queue('test', 'slow')).toThrow('shut down');
    expect(() => consumer.worker('test', 'slow', async () => undefined)).toThrow('shut down');
  });
});
