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

  it('hands each message out once per receive, with a visibility timeout of 0 too', async () => {
    await store.send(
      queue,
      t0,
      Array.from({ length: 3 }, () => message()),
    );
    const once = await store.receive(queue, t0, 10, 0, 0);
    expect(new Set(once.messages.map((m) => m.id)).size).toBe(3);
    expect(once.messages).toHaveLength(3);
    const again = await store.receive(queue, t0 + 1, 10, 30, 0);
    expect(again.messages.map((m) => [m.receiveCount, m.firstReceivedAt])).toEqual([
      [2, t0],
      [2, t0],
      [2, t0],
    ]);
    expect((await store.receive(queue, t0 + 2, 10, 30, 0)).messages).toHaveLength(0);
  });

  it('deletes from a standard queue with and without message groups, leaving no trace', async () => {
    await store.send(queue, t0, [message(), message({ groupId: 'g' })]);
    const { messages } = await store.receive(queue, t0, 10, 30, 0);
    expect(messages).toHaveLength(2);
    expect(await store.delete(queue, messages)).toEqual(['deleted', 'deleted']);
    const k = store.queueKeys(queue);
    for (const key of [k.bodies, k.receiveCounts, k.firstReceived, k.messageGroups])
      expect(await redis.hlen(key)).toBe(0);
    for (const key of [k.visibleAt, k.inflight, k.sentAt]) expect(await redis.zcard(key)).toBe(0);
    expect(await redis.llen(k.ready)).toBe(0);
    expect(await store.snapshot(queue, t0)).toMatchObject({ visible: 0, notVisible: 0, delayed: 0 });
  });

  describe('messages never received (READY)', () => {
    it('keeps them with their messages in a list in send order, nowhere else, and receives them oldest first', async () => {
      const first = [message(), message(), message()];
      const second = [message(), message()];
      await store.send(queue, t0, first);
      await store.send(queue, t0 + 1_000, second);
      const k = store.queueKeys(queue);
      expect(await redis.lrange(k.ready, 0, -1)).toEqual([
        ...first.map((m) => `${t0}:${m.id}:${m.encoded}`),
        ...second.map((m) => `${t0 + 1_000}:${m.id}:${m.encoded}`),
      ]);
      for (const key of [k.visibleAt, k.sentAt]) expect(await redis.zcard(key)).toBe(0);
      expect(await redis.hlen(k.bodies)).toBe(0);
      expect(await store.snapshot(queue, t0 + 1_000)).toMatchObject({ visible: 5, notVisible: 0 });
      expect(await store.oldestSentAt(queue)).toBe(t0);

      const { messages } = await store.receive(queue, t0 + 2_000, 4, undefined, 0);
      expect(messages.map((m) => m.id)).toEqual([...first, second[0]].map((m) => m.id));
      expect(messages.map((m) => [m.receiveCount, m.firstReceivedAt, m.receivedAt])).toEqual(
        Array(4).fill([1, t0 + 2_000, t0 + 2_000]),
      );
      expect(messages.map((m) => m.encoded)).toEqual([...first, second[0]].map((m) => m.encoded));
      expect(await redis.llen(k.ready)).toBe(1);
      expect(await redis.hlen(k.bodies)).toBe(4);
      expect(await store.snapshot(queue, t0 + 2_000)).toMatchObject({ visible: 1, notVisible: 4 });
      // Received, they are in the sorted sets like any other: visible again when their timeout ends.
      const again = await store.receive(queue, t0 + 33_000, 10, undefined, 0);
      expect(again.messages.map((m) => [m.id, m.receiveCount, m.firstReceivedAt]).sort()).toEqual(
        [...[...first, second[0]].map((m) => [m.id, 2, t0 + 2_000]), [second[1].id, 1, t0 + 33_000]].sort(),
      );
      expect(await store.oldestSentAt(queue)).toBe(t0);
      expect(await store.delete(queue, again.messages)).toEqual(Array(5).fill('deleted'));
      expect(await redis.hlen(k.bodies)).toBe(0);
      expect(await store.oldestSentAt(queue)).toBeUndefined();
    });

    it('drops those past the retention period, at a receive and in the retention sweep', async () => {
      const [a, b, c] = [message(), message(), message()];
      await store.send(queue, t0, [a]);
      await store.send(queue, t0 + 30_000, [b]);
      await store.send(queue, t0 + 50_000, [c]);
      expect(await store.expire(queue, t0 + 61_000, 100)).toBe(1);
      const k = store.queueKeys(queue);
      expect(await redis.lrange(k.ready, 0, -1)).toEqual([
        `${t0 + 30_000}:${b.id}:${b.encoded}`,
        `${t0 + 50_000}:${c.id}:${c.encoded}`,
      ]);
      const { messages } = await store.receive(queue, t0 + 91_000, 10, undefined, 0);
      expect(messages.map((m) => m.id)).toEqual([c.id]);
      expect(await redis.hkeys(k.bodies)).toEqual([c.id]);
      expect(await redis.llen(k.ready)).toBe(0);
    });

    it('are read in the form entries had before they carried their messages (kept in BODIES)', async () => {
      const k = store.queueKeys(queue);
      const [old, expired, peeked, recent] = [message(), message(), message(), message()];
      const earlier = (sentAt: number, m: OutgoingMessage) =>
        Promise.all([redis.rpush(k.ready, `${sentAt}:${m.id}`), redis.hset(k.bodies, m.id, m.encoded)]);
      await earlier(t0 - 70_000, expired);
      await earlier(t0, old);
      await earlier(t0, peeked);
      await store.send(queue, t0 + 1, [recent]);
      expect(await store.expire(queue, t0 + 1, 100)).toBe(1);
      expect(await redis.hexists(k.bodies, expired.id)).toBe(0);
      const byId = await store.peek(queue, t0 + 1, { maxExamined: 0, limit: 10, search: peeked.id });
      expect(byId.messages.map((m) => [m.id, m.encoded])).toEqual([[peeked.id, peeked.encoded]]);
      const all = await store.peek(queue, t0 + 1, { maxExamined: 10, limit: 10 });
      expect(all.messages.map((m) => m.encoded)).toEqual([old, peeked, recent].map((m) => m.encoded));
      const { messages } = await store.receive(queue, t0 + 2, 2, undefined, 0);
      expect(messages.map((m) => [m.id, m.encoded])).toEqual([
        [old.id, old.encoded],
        [peeked.id, peeked.encoded],
      ]);
      // A fair queue's receive moves what is left into the sorted sets, message and all.
      await store.send(queue, t0 + 3, [message({ groupId: 'g' })]);
      const rest = await store.receive(queue, t0 + 3, 10, undefined, 0);
      expect(rest.messages.map((m) => m.encoded)).toContain(recent.encoded);
      expect(await redis.llen(k.ready)).toBe(0);
    });

    it('are received by a fair queue too, which moves them into the sorted sets as it takes them', async () => {
      const plain = [message(), message()];
      await store.send(queue, t0, plain);
      await store.send(queue, t0, [message({ groupId: 'g' })]);
      const { messages } = await store.receive(queue, t0, 10, undefined, 0);
      expect(messages).toHaveLength(3);
      expect(messages.map((m) => m.id)).toEqual(expect.arrayContaining(plain.map((m) => m.id)));
      expect(await redis.llen(store.queueKeys(queue).ready)).toBe(0);
      expect(await store.snapshot(queue, t0)).toMatchObject({ visible: 0, notVisible: 3 });
    });

    it('are shown by peek in send order among the others, found by id, and emptied by a purge', async () => {
      const [received, waiting, delayed, last] = [
        message(),
        message(),
        message({ delaySeconds: 5 }),
        message(),
      ];
      await store.send(queue, t0, [received]);
      await store.receive(queue, t0, 1, undefined, 0);
      await store.send(queue, t0 + 1, [waiting]);
      await store.send(queue, t0 + 2, [delayed]);
      await store.send(queue, t0 + 3, [last]);
      const all = await store.peek(queue, t0 + 4, { maxExamined: 10, limit: 10 });
      expect(all.messages.map((m) => [m.id, m.state, m.receiveCount])).toEqual([
        [received.id, 'inFlight', 1],
        [waiting.id, 'visible', 0],
        [delayed.id, 'delayed', 0],
        [last.id, 'visible', 0],
      ]);
      expect([all.examined, all.truncated]).toEqual([4, false]);
      const firstTwo = await store.peek(queue, t0 + 4, { maxExamined: 2, limit: 10 });
      expect(firstTwo.messages.map((m) => m.id)).toEqual([received.id, waiting.id]);
      expect([firstTwo.examined, firstTwo.truncated]).toEqual([2, true]);
      // Found by id first, examined or not.
      const byId = await store.peek(queue, t0 + 2, { maxExamined: 0, limit: 10, search: waiting.id });
      expect(byId.messages.map((m) => m.id)).toEqual([waiting.id]);
      const lastFirst = await store.peek(queue, t0 + 4, { maxExamined: 10, limit: 10, search: last.id });
      expect(lastFirst.messages.map((m) => [m.id, m.encoded])).toEqual([[last.id, last.encoded]]);
      await store.purge(queue, t0 + 3);
      expect(await store.snapshot(queue, t0 + 3)).toMatchObject({ visible: 0, notVisible: 0 });
      expect(await redis.llen(store.queueKeys(queue).ready)).toBe(0);
    });
  });

  it("delays messages sent without a delay of their own by the queue's DelaySeconds", async () => {
    await store.setAttributes(queue, { DelaySeconds: '5' });
    // Every message of a batch at its defaults (the three-field form), then one with its own delay.
    const { outcomes } = await store.send(queue, t0, [message(), message({ size: 2000 })]);
    expect(outcomes.map((o) => o.status)).toEqual(['stored', 'too-large']);
    await store.send(queue, t0, [message({ delaySeconds: 0 })]);
    expect(await store.snapshot(queue, t0)).toMatchObject({ visible: 1, notVisible: 0, delayed: 1 });
    expect((await store.receive(queue, t0, 10, 30, 0)).messages).toHaveLength(1);
    const later = await store.receive(queue, t0 + 5_000, 10, 30, 0);
    expect(later.messages).toHaveLength(1);
    expect(await store.oldestSentAt(queue)).toBe(t0);
  });

  it('refuses messages over the queue MaximumMessageSize and stores the rest', async () => {
    const sent = [message({ size: 2000 }), message(), message({ size: 1025 }), message()];
    const { outcomes } = await store.send(queue, t0, sent);
    expect(outcomes).toEqual([
      { status: 'too-large', id: sent[0].id },
      { status: 'stored', id: sent[1].id },
      { status: 'too-large', id: sent[2].id },
      { status: 'stored', id: sent[3].id },
    ]);
    const received = (await store.receive(queue, t0, 10, 30, 0)).messages.map((m) => m.id);
    expect(received.sort()).toEqual([sent[1].id, sent[3].id].sort());
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

  describe('undoing a receive whose answer was never delivered', () => {
    it('makes the messages receivable at once, the receive not counted and the first-receive time forgotten', async () => {
      await store.send(queue, t0, [message(), message()]);
      const taken = (await store.receive(queue, t0 + 1_000, 10, undefined, 0)).messages;
      expect(taken).toHaveLength(2);
      expect(await store.undoReceive(queue, t0 + 2_000, taken)).toEqual(['undone', 'undone']);
      expect(await store.snapshot(queue, t0 + 2_000)).toMatchObject({ visible: 2, notVisible: 0 });
      const again = (await store.receive(queue, t0 + 3_000, 10, undefined, 0)).messages;
      expect(again.map((m) => [m.id, m.receiveCount, m.firstReceivedAt]).sort()).toEqual(
        taken.map((m) => [m.id, 1, t0 + 3_000]).sort(),
      );
    });

    it('counts back one receive of a message received before, keeping its first-receive time', async () => {
      await store.send(queue, t0, [message()]);
      await store.receive(queue, t0 + 1_000, 1, 0, 0);
      const [second] = (await store.receive(queue, t0 + 2_000, 1, 30, 0)).messages;
      expect(second.receiveCount).toBe(2);
      await store.undoReceive(queue, t0 + 3_000, [second]);
      const [third] = (await store.receive(queue, t0 + 3_000, 1, 30, 0)).messages;
      expect([third.receiveCount, third.firstReceivedAt]).toEqual([2, t0 + 1_000]);
    });

    it('leaves alone a message received again since', async () => {
      await store.send(queue, t0, [message()]);
      const [first] = (await store.receive(queue, t0, 1, 0, 0)).messages;
      const [second] = (await store.receive(queue, t0 + 1, 1, 30, 0)).messages;
      expect(await store.undoReceive(queue, t0 + 2, [first])).toEqual(['stale']);
      expect(await store.snapshot(queue, t0 + 2)).toMatchObject({ visible: 0, notVisible: 1 });
      expect(await store.delete(queue, [second])).toEqual(['deleted']);
      expect(await store.undoReceive(queue, t0 + 3, [second])).toEqual(['stale']);
    });

    it('does not let an undone receive count towards maxReceiveCount', async () => {
      const source = { accountId: '000000000000', name: 'store-test-redrive' };
      await store.createQueue(
        source,
        {
          VisibilityTimeout: '30',
          MessageRetentionPeriod: '60',
          DelaySeconds: '0',
          MaximumMessageSize: '1024',
          ReceiveMessageWaitTimeSeconds: '0',
          _maxReceiveCount: '1',
        },
        [],
        {},
      );
      await store.send(source, t0, [message()]);
      for (let i = 0; i < 3; i++) {
        const r = await store.receive(source, t0 + i, 1, undefined, 0);
        expect([r.messages.map((m) => m.receiveCount), r.deadLettered]).toEqual([[1], 0]);
        await store.undoReceive(source, t0 + i, r.messages);
      }
    });

    it('releases a FIFO group, its message first again, and forgets the ReceiveRequestAttemptId', async () => {
      const fifo = { accountId: '000000000000', name: 'store-test.fifo' };
      await store.createQueue(
        fifo,
        {
          VisibilityTimeout: '30',
          MessageRetentionPeriod: '60',
          DelaySeconds: '0',
          MaximumMessageSize: '1024',
          ReceiveMessageWaitTimeSeconds: '0',
          FifoQueue: 'true',
        },
        [],
        {},
      );
      const first = message({ groupId: 'g', deduplicationId: 'd1' });
      const second = message({ groupId: 'g', deduplicationId: 'd2' });
      await store.send(fifo, t0, [first, second]);
      const taken = (await store.receive(fifo, t0, 1, undefined, 0, 'attempt-1')).messages;
      expect(taken.map((m) => m.id)).toEqual([first.id]);
      // The group is held while its head is in flight.
      expect((await store.receive(fifo, t0, 10, undefined, 0)).messages).toEqual([]);
      expect(await store.undoReceive(fifo, t0 + 1, taken, 'attempt-1')).toEqual(['undone']);
      expect(await store.snapshot(fifo, t0 + 1)).toMatchObject({ visible: 2, notVisible: 0 });
      const again = (await store.receive(fifo, t0 + 2, 1, undefined, 0)).messages;
      expect(again.map((m) => [m.id, m.receiveCount])).toEqual([[first.id, 1]]);
      // A retry of the undone attempt must not be handed the receipt the live consumer now holds.
      expect((await store.receive(fifo, t0 + 3, 1, undefined, 0, 'attempt-1')).messages).toEqual([]);
      // And the group is held again, in flight once.
      await store.delete(fifo, again);
      const next = (await store.receive(fifo, t0 + 4, 10, undefined, 0)).messages;
      expect(next.map((m) => m.id)).toEqual([second.id]);
      expect((await store.receive(fifo, t0 + 4, 10, undefined, 0)).messages).toEqual([]);
    });

    it('puts a fair-queue message back in its lane with its group no longer in flight', async () => {
      await store.send(queue, t0, [message({ groupId: 'busy' }), message({ groupId: 'busy' })]);
      await store.send(queue, t0, [message({ groupId: 'quiet' })]);
      const taken = (await store.receive(queue, t0, 1, undefined, 0)).messages;
      expect(await store.snapshot(queue, t0)).toMatchObject({ visible: 2, notVisible: 1 });
      expect(await store.undoReceive(queue, t0, taken)).toEqual(['undone']);
      expect(await store.snapshot(queue, t0)).toMatchObject({ visible: 3, notVisible: 0 });
      const all = (await store.receive(queue, t0 + 1, 10, undefined, 0)).messages;
      expect(all).toHaveLength(3);
      expect(all.find((m) => m.id === taken[0].id)?.receiveCount).toBe(1);
      await store.delete(queue, all);
      expect(await store.snapshot(queue, t0 + 1)).toMatchObject({ visible: 0, notVisible: 0 });
      expect(await redis.hgetall(store.queueKeys(queue).groupInflight)).toEqual({});
    });
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
