import { randomUUID } from 'node:crypto';
import { connectRedis, type RedisClient, RedisKeys, StoreError } from '@switchyard/redis';
import type { StateMachineRef } from '../domain/state-machine-ref';
import type { WorkflowsOptions } from '../workflows.options';
import { STARTING_MAX_AGE_MS, StateMachineStore } from './state-machine.store';

const url = process.env.REDIS_URL;
const options: WorkflowsOptions = {
  region: 'us-east-1',
  maxStateMachinesPerAccount: 10_000,
  buckets: new Map(),
};
const ref: StateMachineRef = { accountId: '000000000000', region: 'us-east-1', name: 'm' };
const definition = (result: string) =>
  JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });
const identity = (result: string) => ({
  definition: definition(result),
  type: 'STANDARD' as const,
  loggingConfiguration: '',
  tracingConfiguration: '',
  encryptionConfiguration: '',
});

describe('StateMachineStore: machines as executions start on them, against Redis', () => {
  let redis: RedisClient;
  /** This process's store, and another gateway's, on the same keys. */
  let here: StateMachineStore;
  let elsewhere: StateMachineStore;

  beforeAll(() => {
    if (!url) throw new Error('REDIS_URL is not set: run with `npm test`');
    redis = connectRedis(url);
  });
  afterAll(() => redis.quit());

  beforeEach(() => {
    const keys = new RedisKeys(`t${randomUUID().slice(0, 8)}`);
    here = new StateMachineStore(redis, keys, options);
    elsewhere = new StateMachineStore(redis, keys, options);
  });

  const role = 'arn:aws:iam::000000000000:role/r';
  const update = (store: StateMachineStore, result: string) =>
    store.update(ref, { definition: definition(result) }, randomUUID(), Date.now());

  it("sees another gateway's change within STARTING_MAX_AGE_MS, not at once", async () => {
    await here.create(ref, identity('one'), role, {}, Date.now(), 'sha-one');
    expect((await here.forStarting(ref)).definition).toBe(definition('one'));
    await update(elsewhere, 'two');
    // Described at once; started on, for up to a second, as read before (AWS's "within a few seconds").
    expect((await here.get(ref)).definition).toBe(definition('two'));
    expect((await here.forStarting(ref)).definition).toBe(definition('one'));
    await new Promise((r) => setTimeout(r, STARTING_MAX_AGE_MS + 50));
    expect((await here.forStarting(ref)).definition).toBe(definition('two'));
  });

  it('sees its own changes at once: an update, a deletion, a machine created after one was not found', async () => {
    await expect(here.forStarting(ref)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await here.create(ref, identity('one'), role, {}, Date.now(), 'sha-one');
    expect((await here.forStarting(ref)).definition).toBe(definition('one'));
    await update(here, 'two');
    expect((await here.forStarting(ref)).definition).toBe(definition('two'));
    await here.markDeleting(ref);
    expect((await here.forStarting(ref)).status).toBe('DELETING');
    await here.delete(ref);
    await expect(here.forStarting(ref)).rejects.toBeInstanceOf(StoreError);
  });

  it('does not keep a read that one of its own changes overlapped', async () => {
    await here.create(ref, identity('one'), role, {}, Date.now(), 'sha-one');
    // The read is sent first and answers the old definition; the update lands meanwhile.
    const [read] = await Promise.all([here.forStarting(ref), update(here, 'two')]);
    expect(read.definition).toBe(definition('one'));
    expect((await here.forStarting(ref)).definition).toBe(definition('two'));
  });
});
