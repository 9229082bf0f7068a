import { randomUUID } from 'node:crypto';
import { connectRedis, type RedisClient, RedisKeys } from '@switchyard/redis';
import { type OutgoingMessage, QueueStore } from './queue.store';

const url = process.env.REDIS_URL;

describe('QueueStore against Redis', () => {
  let redis: RedisClient;
  let store: QueueStore;
  const queue = { accountId: '000000000000', name: 'store-test' };
  const t0 = 1_800_000_000_000;

  const message = (overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
    id: randomUUID(),
    size: 10,
    encoded: JSON.stringify({ body: 'b', sentAt: t0 }),
    ...overrides,
  });

  beforeAll(() => {
    if (!url) throw new Error('REDIS_URL is not set: run with `npm test`');
    redis = connectRedis(url);
  });
  afterAll(() => redis.quit());

  beforeEach(async () => {
    store = new QueueStore(redis, new RedisKeys(`t${randomUUID().slice(0, 8)}`));
    await store.createQueue(
      queue,
      {
        VisibilityTimeout: '30',
        MessageRetentionPeriod: '60',
        DelaySeconds: '0',
        MaximumMessageSize: '1024',
        ReceiveMessageWaitTimeSeconds: '0',
      },
      [],
      {},
    );
  });

  it('keeps counters without scanning: visible, in flight, delayed', async () => {
    await store.send(queue, t0, [message(), message(), message({ delaySeconds: 5 })]);
    expect(await store.snapshot(queue, t0)).toMatchObject({ visible: 2, notVisible: 0, delayed: 1 });
    await store.receive(queue, t0, 1, undefined, 0);
    expect(await store.snapshot(queue, t0)).toMatchObject({ visible: 1, notVisible: 1, delayed: 1 });
    expect(await store.snapshot(queue, t0 + 31_000)).toMatchObject({ visible: 3, notVisible: 0, delayed: 0 });
  });

  it('fair queues: groups holding only delayed messages step aside, and come back when their delay ends', async () => {
    const delayed = Array.from({ length: 30 }, (_, i) =>
      message({ groupId: `later-${i}`, delaySeconds: 10 }),
    );
    await store.send(queue, t0, delayed);
    await store.send(queue, t0, [message({ groupId: 'ready' })]);
    expect(await store.snapshot(queue, t0)).toMatchObject({ visible: 1, notVisible: 0, delayed: 30 });
    expect((await store.receive(queue, t0, 10, undefined, 0)).messages).toHaveLength(1);
    expect((await store.receive(queue, t0 + 1, 10, undefined, 0)).messages).toHaveLength(0);
    // A group waiting out a delay that gets a message without one competes again at once.
    await store.send(queue, t0 + 2, [message({ groupId: 'later-0' })]);
    expect((await store.receive(queue, t0 + 2, 10, undefined, 0)).messages).toHaveLength(1);
    expect(await store.snapshot(queue, t0 + 10_000)).toMatchObject({
      visible: 30,
      notVisible: 2,
      delayed: 0,
    });
    const due = new Set<string>();
    for (let i = 0; i < 3; i++) {
      for (const m of (await store.receive(queue, t0 + 10_000, 10, undefined, 0)).messages) due.add(m.id);
    }
    expect([...due].sort()).toEqual(delayed.map((m) => m.id).sort());
    expect(await store.snapshot(queue, t0 + 10_000)).toMatchObject({
      visible: 0,
      notVisible: 32,
      delayed: 0,
    });
  });

  it('never hands one message to two receivers within its visibility timeout', async () => {
    await store.send(
      queue,
      t0,
      Array.from({ length: 10 }, () => message()),
    );
    const receives = await Promise.all(
      Array.from({ length: 20 }, () => store.receive(queue, t0, 3, undefined, 0)),
    );
    const ids = receives.flatMap((r) => r.messages.map((m) => m.id));
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
  });

  it('refuses messages over the queue MaximumMessageSize and stores the rest', async () => {
    const { outcomes } = await store.send(queue, t0, [message({ size: 2000 }), message()]);
    expect(outcomes.map((o) => o.status)).toEqual(['too-large', 'stored']);
  });

  it('is idempotent for a message id moved twice (a redrive repeated after a crash)', async () => {
    const m = message();
    await store.send(queue, t0, [m], 'move');
    expect((await store.send(queue, t0, [m], 'move')).outcomes).toEqual([
      { status: 'duplicate', id: m.id, sequence: undefined },
    ]);
    expect((await store.snapshot(queue, t0)).visible).toBe(1);
  });

  it('deletes only with the latest receipt', async () => {
    await store.send(queue, t0, [message()]);
    const first = (await store.receive(queue, t0, 1, 0, 0)).messages[0];
    const second = (await store.receive(queue, t0 + 1, 1, 30, 0)).messages[0];
    expect(second.receiveCount).toBe(2);
    expect(await store.delete(queue, [first])).toEqual(['stale']);
    expect(await store.delete(queue, [second])).toEqual(['deleted']);
    expect(await store.delete(queue, [second])).toEqual(['gone']);
  });

  it('removes messages past the retention period, lazily on receive and in the sweep', async () => {
    await store.send(queue, t0, [message(), message()]);
    expect((await store.receive(queue, t0 + 61_000, 1, undefined, 0)).messages).toHaveLength(0);
    expect(await store.expire(queue, t0 + 61_000, 100)).toBe(0);
    await store.send(queue, t0, [message()]);
    expect(await store.expire(queue, t0 + 61_000, 100)).toBe(1);
    expect(await store.snapshot(queue, t0 + 61_000)).toMatchObject({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it('allows one purge per 60 seconds', async () => {
    await store.send(queue, t0, [message()]);
    await store.purge(queue, t0);
    await expect(store.purge(queue, t0 + 59_000)).rejects.toMatchObject({
      entity: 'queue',
      code: 'TOO_SOON',
    });
    await store.purge(queue, t0 + 60_000);
    expect((await store.snapshot(queue, t0)).visible).toBe(0);
  });

  it('reports a missing queue for every message operation', async () => {
    const missing = { accountId: '000000000000', name: 'missing' };
    await expect(store.send(missing, t0, [message()])).rejects.toMatchObject({
      entity: 'queue',
      code: 'NOT_FOUND',
    });
    await expect(store.receive(missing, t0, 1, undefined, 0)).rejects.toMatchObject({
      entity: 'queue',
      code: 'NOT_FOUND',
    });
    await expect(store.snapshot(missing, t0)).rejects.toMatchObject({ entity: 'queue', code: 'NOT_FOUND' });
  });
});
