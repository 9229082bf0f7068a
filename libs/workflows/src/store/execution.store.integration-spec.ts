import { randomUUID } from 'node:crypto';
import { connectRedis, type RedisClient, RedisKeys } from '@switchyard/redis';
import type { ExecutionRef } from '../domain/execution-ref';
import { decodeWorkItem } from '../domain/execution-ref';
import { ExecutionStore } from './execution.store';

const url = process.env.REDIS_URL;

describe('ExecutionStore branch tasks against Redis', () => {
  let redis: RedisClient;
  let keys: RedisKeys;
  let store: ExecutionStore;
  const ref: ExecutionRef = {
    machine: { accountId: '000000000000', region: 'us-east-1', name: 'm' },
    name: 'e',
  };
  const task = {
    resource: 'arn:aws:lambda:us-east-1:000000000000:function:f',
    parameters: { n: 1 },
    waitForTaskToken: false,
    integrationPattern: 'REQUEST_RESPONSE' as const,
  };
  const done = (n: number) => ({ type: 'task' as const, output: { n } });

  beforeAll(() => {
    if (!url) throw new Error('REDIS_URL is not set: run with `npm test`');
    redis = connectRedis(url);
  });
  afterAll(() => redis.quit());

  beforeEach(async () => {
    keys = new RedisKeys(`t${randomUUID().slice(0, 8)}`);
    store = new ExecutionStore(redis, keys);
    await store.create(ref, { status: 'RUNNING', state: '{}', version: '1' }, [], 0);
  });

  const hand = (thread: string, wait: number) =>
    store.handTask({
      kind: 'task',
      accountId: '000000000000',
      machine: 'm',
      execution: 'e',
      thread,
      wait,
      task,
    });

  it("moves a name used again, once its execution expired, to the new execution's start in the machine's index", async () => {
    const other: ExecutionRef = { ...ref, name: 'again' };
    const index = keys.executionIndex('000000000000', 'm');
    expect(await store.create(other, { status: 'RUNNING', version: '1' }, [], 1_000)).toEqual({
      created: true,
    });
    expect(await redis.zscore(index, 'again')).toBe('1000');
    // A second start of the running execution keeps its place.
    expect(await store.create(other, { status: 'RUNNING', version: '1' }, [], 2_000)).toMatchObject({
      created: false,
    });
    expect(await redis.zscore(index, 'again')).toBe('1000');
    // Its keys expired (90 days after it ended): the name starts a new execution, listed from its start.
    const k = keys.execution('000000000000', 'm', 'again');
    await redis.del(k.meta, k.history);
    expect(await store.create(other, { status: 'RUNNING', version: '1' }, [], 3_000)).toEqual({
      created: true,
    });
    expect(await redis.zscore(index, 'again')).toBe('3000');
  });

  it("takes expired executions out of the machine's index, and nothing else", async () => {
    const DAY = 24 * 3600 * 1000;
    const now = 1_000 * DAY;
    const index = keys.executionIndex('000000000000', 'm');
    const start = (name: string, at: number) =>
      store.create({ ...ref, name }, { status: 'SUCCEEDED', version: '1' }, [], at);
    const expire = (name: string) => {
      const k = keys.execution('000000000000', 'm', name);
      return redis.del(k.meta, k.history);
    };
    await start('expired', now - 200 * DAY);
    await start('kept', now - 150 * DAY); // ended later, or still running: its hash is there
    await start('again', now - 120 * DAY);
    await start('just-indexed', now - DAY); // its hash not written yet, as a Cluster may order it
    await Promise.all(['expired', 'again', 'just-indexed'].map(expire));
    // 'again' is started anew while the sweep looks: it keeps its place at its new start.
    const sweep = store.forgetExpired('000000000000', 'm', now);
    await start('again', now);
    expect(await sweep).toBe(1);
    expect(await redis.zrange(index, 0, -1)).toEqual(['e', 'kept', 'just-indexed', 'again']);
    expect(await redis.zscore(index, 'again')).toBe(String(now));
    // Nothing more to take.
    expect(await store.forgetExpired('000000000000', 'm', now)).toBe(0);
  });

  it("sweeps a machine's index as executions start", async () => {
    const DAY = 24 * 3600 * 1000;
    const index = keys.executionIndex('000000000000', 'm');
    const k = keys.execution('000000000000', 'm', 'old');
    await store.create({ ...ref, name: 'old' }, { status: 'SUCCEEDED', version: '1' }, [], 1);
    await redis.del(k.meta, k.history);
    for (let i = 0; i < 64 && (await redis.zscore(index, 'old')) !== null; i++)
      await store.create({ ...ref, name: `n${i}` }, { status: 'RUNNING', version: '1' }, [], 100 * DAY);
    for (let i = 0; i < 50 && (await redis.zscore(index, 'old')) !== null; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await redis.zscore(index, 'old')).toBeNull();
    expect(await redis.zcard(index)).toBeGreaterThan(1);
  });

  it('merges a run item that finds the execution held into its holder, which then goes around once more', async () => {
    const first = await store.holdAndLoad(ref, 'x-a/1', 10_000, true);
    expect(first).toMatchObject({ held: true, stored: { version: '1' } });
    // Another item: a timer is not merged (it is looked at again later); a run is.
    expect(await store.holdAndLoad(ref, 'x-b/2', 10_000, false)).toEqual({ held: false, merged: false });
    expect(await store.holdAndLoad(ref, 'x-b/3', 10_000, true)).toEqual({ held: false, merged: true });
    expect(await store.holdAndLoad(ref, 'x-b/4', 10_000, true)).toEqual({ held: false, merged: true });
    // However long the holder works: the flag waits for it, not for the hold's expiry.
    expect(await redis.pttl(keys.execution('000000000000', 'm', 'e').rerun)).toBe(-1);
    // The holder keeps the hold once, for both, then lets go.
    expect(await store.release(ref, 'x-a/1', 10_000)).toBe('again');
    expect(await store.release(ref, 'x-a/1', 10_000)).toBe('released');
    expect(await store.release(ref, 'x-a/1', 10_000)).toBe('lost');
    expect(await store.holdAndLoad(ref, 'x-b/5', 10_000, true)).toMatchObject({ held: true });
  });

  it('lets go of an execution for its holder in the commit that ends it quietly, unless a run was merged meanwhile', async () => {
    const k = keys.execution('000000000000', 'm', 'e');
    await store.holdAndLoad(ref, 'x-a/1', 10_000);
    // Running on: the hold stays.
    const running = await store.commit(ref, '1', { state: '{}' }, [], {
      announceIfUnlinked: true,
      holder: 'x-a/1',
    });
    expect(running.released).toBe(false);
    // A run merged into the holder's work: the ending commit leaves the hold for it to go around.
    await store.holdAndLoad(ref, 'x-b/2', 10_000, true);
    const ended = await store.commit(ref, running.version, { status: 'SUCCEEDED', stopped: '2' }, [], {
      announceIfUnlinked: true,
      holder: 'x-a/1',
    });
    expect(ended).toMatchObject({ announced: true, released: false });
    expect(await redis.get(k.hold)).toBe('x-a/1');
    expect(await store.release(ref, 'x-a/1', 10_000)).toBe('again');
    // Without one, the ending commit lets go itself.
    const again = await store.commit(ref, ended.version, { status: 'SUCCEEDED', stopped: '3' }, [], {
      announceIfUnlinked: true,
      holder: 'x-a/1',
    });
    expect(again).toMatchObject({ announced: true, released: true });
    expect(await redis.exists(k.hold)).toBe(0);
  });

  it("takes the hold with an executor's first commit only over the version read and when no one else holds it", async () => {
    const k = keys.execution('000000000000', 'm', 'e');
    const first = { holder: 'x-a/1', takeHoldMs: 10_000 };
    // Another start's fields (a start repeated under the name) carry another version: nothing changes.
    await expect(store.commit(ref, '77', { state: '{"other":1}' }, ['{}'], first)).rejects.toMatchObject({
      code: 'STALE',
    });
    // Another executor holds it (a timeout item took it up): nothing changes either.
    await store.hold(ref, 'x-b/2', 10_000);
    await expect(store.commit(ref, '1', { state: '{"a":1}' }, ['{}'], first)).rejects.toMatchObject({
      code: 'WRONG_STATE',
    });
    expect(await redis.hget(k.meta, 'state')).toBe('{}');
    expect(await redis.llen(k.history)).toBe(0);
    // Free again: the commit is made and the hold is the committer's, for the time asked.
    await redis.del(k.hold);
    const committed = await store.commit(ref, '1', { state: '{"a":1}' }, ['{}'], first);
    expect(committed).toMatchObject({ version: '2', released: false });
    expect(await redis.get(k.hold)).toBe('x-a/1');
    expect(await redis.pttl(k.hold)).toBeGreaterThan(9_000);
    expect(await redis.llen(k.history)).toBe(1);
    // Not in a store that has no such execution.
    await expect(
      store.commit({ ...ref, name: 'not-stored' }, '1', { state: '{}' }, [], first),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never takes the hold with a first commit that ends the execution and announces its end', async () => {
    const quick: ExecutionRef = { ...ref, name: 'quick' };
    const k = keys.execution('000000000000', 'm', 'quick');
    await store.create(quick, { status: 'RUNNING', state: '{}', version: '5' }, [], 0);
    const ended = { state: '{"end":1}', status: 'SUCCEEDED', stopped: '9', output: '{}' };
    const committed = await store.commit(quick, '5', ended, ['{}', '{}'], {
      holder: 'x-a/1',
      takeHoldMs: 10_000,
      announceIfUnlinked: true,
    });
    expect(committed).toEqual({ version: '6', announced: true, outcomesWaiting: 0, released: true });
    expect(await redis.exists(k.hold)).toBe(0);
    expect(await redis.hmget(k.meta, 'status', 'announced', 'output', 'version')).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
      '{}',
      '6',
    ]);
    expect(await redis.pttl(k.meta)).toBeGreaterThan(0);
    expect(await redis.llen(k.history)).toBe(2);
  });

  it('hands a task on the tasks stream with its request, and marks its wait handed', async () => {
    await hand('t2', 5);
    const [[, fields]] = await redis.xrange(keys.workflowTasks(), '-', '+');
    expect(decodeWorkItem(fields[1])).toMatchObject({ kind: 'task', thread: 't2', wait: 5, task });
    expect((await store.branchTasks(ref)).handed).toEqual(new Set([5]));
  });

  it('records an outcome once per wait, tells the first one waiting to be applied, and keeps none once the execution ends', async () => {
    await Promise.all([hand('t2', 5), hand('t3', 6)]);
    expect(await store.recordTaskOutcome(ref, 't2', 5, done(1))).toBe('first');
    expect(await store.recordTaskOutcome(ref, 't3', 6, done(2))).toBe('behind');
    expect(await store.recordTaskOutcome(ref, 't2', 5, done(9))).toBe('again');
    expect(await store.taskOutcomeRecorded(ref, 5)).toBe(true);
    const { outcomes } = await store.branchTasks(ref);
    expect(outcomes).toEqual(
      new Map([
        [5, { thread: 't2', outcome: done(1) }],
        [6, { thread: 't3', outcome: done(2) }],
      ]),
    );

    // A commit applying one takes it and its mark off, and says how many still wait.
    const { version, outcomesWaiting } = await store.commit(ref, '1', { state: '{"a":1}' }, [], {
      applied: [5],
    });
    expect(outcomesWaiting).toBe(1);
    const after = await store.branchTasks(ref);
    expect([...after.handed]).toEqual([6]);
    expect([...after.outcomes.keys()]).toEqual([6]);
    // With the other applied, the next outcome recorded is the first again.
    const next = await store.commit(ref, version, { state: '{"a":2}' }, [], { applied: [6] });
    expect(next.outcomesWaiting).toBe(0);
    expect(await store.recordTaskOutcome(ref, 't4', 7, done(3))).toBe('first');

    // The execution ends: its handed tasks and outcomes are dropped, and late ones not recorded.
    await store.commit(ref, next.version, { status: 'FAILED', stopped: '1' }, []);
    const k = keys.execution('000000000000', 'm', 'e');
    expect(await redis.exists(k.handed, k.outcomes)).toBe(0);
    expect(await store.recordTaskOutcome(ref, 't4', 8, done(4))).toBe('ended');
    expect(await redis.exists(k.outcomes)).toBe(0);
  });
});
