import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startTestServer } from './test-support/test-server';

describe('server lifecycle', () => {
  it('serves health, and on shutdown answers a waiting long poll at once instead of after its wait time', async () => {
    const server = await startTestServer();
    const live = await fetch(`${server.url}/health/live`);
    const ready = await fetch(`${server.url}/health/ready`);
    expect([live.status, ready.status]).toEqual([200, 200]);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { redis: { status: 'up' } } });

    const sqs = server.sqs();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'draining' }));
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((r) => setTimeout(r, 300));
    await server.close();
    const result = await waiting;
    expect(result.Messages).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
