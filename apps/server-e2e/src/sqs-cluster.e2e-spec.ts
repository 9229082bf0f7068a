import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { connectRedis, type RedisClient, RedisKeys } from '@switchyard/redis';
import Redis from 'ioredis';
import { LocalCluster } from './test-support/local-cluster';
import { startTestServer, type TestServer } from './test-support/test-server';

const ACCOUNT = '000000000000';

/** Scans every node for keys under a prefix; returns hash tag → "port key" entries. */
async function keysByTag(cluster: LocalCluster, prefix: string): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const port of cluster.ports) {
    const node = cluster.node(port);
    try {
      let cursor = '0';
      do {
        const [next, batch] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        for (const key of batch) {
          const tag = /\{([^}]*)\}/.exec(key)?.[1] ?? key;
          found.set(tag, [...(found.get(tag) ?? []), `${port} ${key}`]);
        }
      } while (cursor !== '0');
    } finally {
      node.disconnect();
    }
  }
  return found;
}

describe('Switchyard on a three-node Redis Cluster', () => {
  const cluster = new LocalCluster();
  let admin: Redis;
  let slotOwner: (slot: number) => number;
  const keySlot = async (key: string) => Number(await admin.call('CLUSTER', 'KEYSLOT', key));

  /** One queue name per node, so a test drives every shard. */
  async function queuePerNode(keys: RedisKeys, stem: string): Promise<Map<number, string>> {
    const byNode = new Map<number, string>();
    for (let i = 0; byNode.size < cluster.ports.length && i < 1000; i++) {
      const name = `${stem}-${i}`;
      const owner = slotOwner(await keySlot(keys.queue(ACCOUNT, name).meta));
      if (!byNode.has(owner)) byNode.set(owner, name);
    }
    expect(byNode.size).toBe(3);
    return byNode;
  }

  beforeAll(async () => {
    await cluster.start();
    admin = cluster.node(cluster.ports[0]);
    const slots = (await admin.call('CLUSTER', 'SLOTS')) as Array<
      [number, number, [string, number, ...unknown[]]]
    >;
    expect(slots.reduce((n, [from, to]) => n + to - from + 1, 0)).toBe(16384);
    slotOwner = (slot) => {
      const range = slots.find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`no node owns slot ${slot}`);
      return Number(range[2][1]);
    };
  }, 60_000);

  afterAll(async () => {
    admin?.disconnect();
    await cluster.stop();
  });

  describe('key layout through connectRedis', () => {
    let redis: RedisClient;
    const keys = new RedisKeys(`c${randomUUID().slice(0, 8)}`);

    beforeAll(() => {
      redis = connectRedis(cluster.url);
    });
    afterAll(() => redis.quit());

    it('hashes every key of one queue to one slot, and spreads queues over all three nodes', async () => {
      const byNode = await queuePerNode(keys, 'layout');
      for (const [port, name] of byNode) {
        const all = [
          ...Object.values(keys.queue(ACCOUNT, name)),
          keys.deadLetterSources(ACCOUNT, name),
          keys.moveTasks(ACCOUNT, name),
        ];
        const slots = new Set(await Promise.all(all.map(keySlot)));
        expect(slots.size).toBe(1);
        expect(slotOwner([...slots][0])).toBe(port);
      }
    });

    it('runs one Lua script over all keys of a queue on the Cluster, on the node that owns them', async () => {
      const byNode = await queuePerNode(keys, 'lua');
      const script = "for i, k in ipairs(KEYS) do redis.call('SET', k, ARGV[1]) end return #KEYS";
      for (const name of byNode.values()) {
        const all = Object.values(keys.queue(ACCOUNT, name));
        expect(await redis.eval(script, all.length, ...all, name)).toBe(all.length);
      }
      const found = await keysByTag(cluster, keys.prefix);
      for (const [port, name] of byNode) {
        const entries = found.get(`q:${ACCOUNT}:${name}`) ?? [];
        expect(entries).toHaveLength(Object.values(keys.queue(ACCOUNT, name)).length);
        expect(new Set(entries.map((e) => Number(e.split(' ')[0])))).toEqual(new Set([port]));
      }
      // A script over keys of two queues on different nodes is what the layout must never need.
      const [a, b] = [...byNode.values()];
      await expect(
        redis.eval(script, 2, keys.queue(ACCOUNT, a).meta, keys.queue(ACCOUNT, b).meta, 'x'),
      ).rejects.toThrow(/CROSSSLOT|slot/i);
    });
  });

  describe('the server', () => {
    let server: TestServer;
    let sqs: SQSClient;
    let keys: RedisKeys;
    let queueOnNode: Map<number, string>;
    const arnOf = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
    const queueNames = () => [...queueOnNode.values()];
    const urlOf = (name: string) => `${server.url}/${ACCOUNT}/${name}`;

    beforeAll(async () => {
      server = await startTestServer({ REDIS_URL: cluster.url });
      sqs = server.sqs();
      keys = new RedisKeys(server.keyPrefix);
      queueOnNode = await queuePerNode(keys, 'shard');
    }, 30_000);
    afterAll(() => server?.close());

    it('creates, sends to, receives from and deletes from queues on every node', async () => {
      for (const name of queueNames()) {
        expect(
          (
            await sqs.send(
              new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '5' } }),
            )
          ).QueueUrl,
        ).toBe(urlOf(name));
      }
      expect(
        (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'shard-' }))).QueueUrls?.sort(),
      ).toEqual(queueNames().map(urlOf).sort());

      for (const name of queueNames()) {
        const url = urlOf(name);
        const sent = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: ['a', 'b', 'c'].map((b) => ({ Id: b, MessageBody: `${name}-${b}` })),
          }),
        );
        expect(sent.Successful).toHaveLength(3);
        await sqs.send(
          new SendMessageCommand({ QueueUrl: url, MessageBody: `${name}-later`, DelaySeconds: 1 }),
        );

        const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
        expect(got.Messages?.map((m) => m.Body).sort()).toEqual([`${name}-a`, `${name}-b`, `${name}-c`]);
        const attrs = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
        );
        expect(attrs.Attributes).toMatchObject({
          ApproximateNumberOfMessages: '0',
          ApproximateNumberOfMessagesNotVisible: '3',
          ApproximateNumberOfMessagesDelayed: '1',
        });
        for (const m of got.Messages!)
          await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
        const later = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }));
        expect(later.Messages?.[0].Body).toBe(`${name}-later`);
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: later.Messages![0].ReceiptHandle }),
        );
      }
    }, 30_000);

    it('keeps all keys of one queue on one slot of its node', async () => {
      const found = await keysByTag(cluster, server.keyPrefix);
      for (const [port, name] of queueOnNode) {
        const entries = found.get(`q:${ACCOUNT}:${name}`) ?? [];
        expect(entries.length).toBeGreaterThan(0);
        const slots = new Set(await Promise.all(entries.map((entry) => keySlot(entry.split(' ')[1]))));
        expect(slots.size).toBe(1);
        expect(new Set(entries.map((entry) => Number(entry.split(' ')[0])))).toEqual(new Set([port]));
      }
    });

    it('wakes a long poll on every node as soon as a message is sent', async () => {
      await Promise.all(
        queueNames().map(async (name) => {
          const url = urlOf(name);
          const started = Date.now();
          const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }));
          await new Promise((r) => setTimeout(r, 300));
          await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `wake ${name}` }));
          const got = await waiting;
          expect(got.Messages?.[0].Body).toBe(`wake ${name}`);
          expect(Date.now() - started).toBeLessThan(5_000);
          await sqs.send(
            new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: got.Messages![0].ReceiptHandle }),
          );
        }),
      );
    }, 30_000);

    it('dead-letters from a queue on one node to a dead-letter queue on another', async () => {
      const [sourceName, dlqName] = queueNames();
      const source = urlOf(sourceName);
      const dlq = urlOf(dlqName);
      await sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: source,
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(dlqName), maxReceiveCount: 1 }),
          },
        }),
      );
      expect((await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }))).queueUrls).toEqual([
        source,
      ]);

      const { MessageId } = await sqs.send(
        new SendMessageCommand({ QueueUrl: source, MessageBody: 'poison' }),
      );
      const first = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: source }))).Messages!;
      expect(first[0].MessageId).toBe(MessageId);
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: source,
          ReceiptHandle: first[0].ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
      expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: source }))).Messages).toBeUndefined();

      const dead = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: dlq,
          WaitTimeSeconds: 5,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      expect(dead.Messages?.[0]).toMatchObject({ MessageId, Body: 'poison' });
      expect(dead.Messages?.[0].Attributes?.DeadLetterQueueSourceArn).toBe(arnOf(sourceName));
    }, 30_000);

    it('keeps FIFO group order and de-duplication on the Cluster', async () => {
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({
          QueueName: 'shard-orders.fifo',
          Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' },
        }),
      );
      for (const body of ['x1', 'y1', 'x2', 'x2']) {
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: body[0] }));
      }
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      expect(got.Messages?.map((m) => m.Body)).toEqual(['x1', 'x2', 'y1']);
    });

    it('deletes a queue and its keys on its node', async () => {
      const [port, name] = [...queueOnNode][2];
      await sqs.send(new DeleteQueueCommand({ QueueUrl: urlOf(name) }));
      expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'shard-' }))).QueueUrls).not.toContain(
        urlOf(name),
      );
      const owner = cluster.node(port);
      try {
        expect(await owner.exists(keys.queue(ACCOUNT, name).meta)).toBe(0);
      } finally {
        owner.disconnect();
      }
    });
  });
});
