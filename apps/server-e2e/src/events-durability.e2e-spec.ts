import { randomUUID } from 'node:crypto';
import { type EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { RedisKeys } from '@switchyard/redis';
import Redis from 'ioredis';
import { eventBridgeClient, receiveMessages } from './test-support/event-bridge';
import { useTestServer } from './test-support/test-server';

const ACCOUNT = '000000000000';

/**
 * An event a routing worker read and never settled (its process died) is not lost: after 30 s
 * another worker claims it from the consumer group (XAUTOCLAIM) and delivers it.
 */
describe('EventBridge events left by a dead routing worker', () => {
  const env = useTestServer();
  let events: EventBridgeClient;
  beforeAll(() => {
    events = eventBridgeClient(env.server);
  });
  afterAll(() => events.destroy());

  it('are claimed and delivered by a live worker', async () => {
    const url = await env.queue('claimed');
    await events.send(
      new PutRuleCommand({ Name: 'claimed', EventPattern: JSON.stringify({ source: ['dead-worker'] }) }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'claimed',
        Targets: [{ Id: 'q', Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:claimed` }],
      }),
    );
    const id = randomUUID();
    const accepted = {
      account: ACCOUNT,
      bus: 'default',
      id,
      time: '2024-01-01T00:00:00Z',
      source: 'dead-worker',
      detailType: 'Left Behind',
      resources: [],
      detail: '{"n":1}',
      acceptedAt: Date.now(),
    };
    const stream = new RedisKeys(env.server.keyPrefix).eventFlow().ingest;
    const redis = new Redis(env.server.redisUrl);
    try {
      // Accepted and read by a consumer that then dies, in one transaction: no live worker sees it first.
      const replies = await redis
        .multi()
        .xadd(stream, '*', 'e', JSON.stringify(accepted))
        .xreadgroup('GROUP', 'rules', 'dead-consumer', 'COUNT', 10, 'STREAMS', stream, '>')
        .exec();
      expect(replies?.every(([error]) => error === null)).toBe(true);
      expect(await receiveMessages(env.sqs, url, 1, 3_000)).toEqual([]);
      const [message] = await receiveMessages(env.sqs, url, 1, 45_000);
      expect(JSON.parse(message.Body!)).toMatchObject({ id, source: 'dead-worker', detail: { n: 1 } });
      expect(await redis.xlen(stream)).toBe(0);
    } finally {
      redis.disconnect();
    }
  }, 60_000);
});
