import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import request from 'supertest';
import { startTestServer } from './test-support/test-server';

describe('server lifecycle', () => {
  it('serves health, and on shutdown answers a waiting long poll at once instead of after its wait time', async () => {
    const server = await startTestServer();
    await request(server.url).get('/health/live').expect(200);
    const ready = await request(server.url).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { redis: { status: 'up' } } });

    // Not the harness's client: closing the server destroys those, and this one must outlive it.
    const sqs = new SQSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'draining' }));
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((r) => setTimeout(r, 300));
    // The client keeps its connection alive; the drain must not wait for it to time out.
    await server.close();
    const result = await waiting;
    expect(result.Messages).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
    sqs.destroy();
  });
});
