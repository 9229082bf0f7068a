import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { ServerProcess } from './test-support/server-process';
import { freePort, testRedisUrl } from './test-support/test-server';

/**
 * A pending HTTP retry is a job in Redis: a server SIGKILLed while its endpoint fails, and started
 * again, still delivers once the endpoint recovers.
 */
describe('SNS HTTP retries across a SIGKILL', () => {
  const prefix = `httpdur${randomUUID().slice(0, 8)}`;
  let endpoint: Server;
  let healthy = false;
  const received: { type: string; body: string }[] = [];
  let first: ServerProcess | undefined;
  let second: ServerProcess | undefined;

  beforeAll(async () => {
    endpoint = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const type = String(req.headers['x-amz-sns-message-type']);
        received.push({ type, body });
        res.writeHead(type === 'Notification' && !healthy ? 503 : 200).end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await first?.kill('SIGKILL');
    await second?.kill('SIGTERM');
    await new Promise((resolve) => endpoint.close(resolve));
  });

  it('delivers a message whose retries were pending when the server was killed', async () => {
    const port = await freePort();
    first = new ServerProcess(port, testRedisUrl(), prefix);
    await first.start();
    const sns = new SNSClient({
      endpoint: first.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDDUR', secretAccessKey: 'secret' },
      maxAttempts: 3,
    });
    try {
      const TopicArn = (await sns.send(new CreateTopicCommand({ Name: 'http-durable' }))).TopicArn!;
      const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hook`;
      const { SubscriptionArn } = await sns.send(
        new SubscribeCommand({ TopicArn, Protocol: 'http', Endpoint: url, ReturnSubscriptionArn: true }),
      );
      const waitFor = async (check: () => boolean) => {
        const deadline = Date.now() + 30_000;
        while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect(check()).toBe(true);
      };
      await waitFor(() => received.some((r) => r.type === 'SubscriptionConfirmation'));
      const token = JSON.parse(
        received.find((r) => r.type === 'SubscriptionConfirmation')!.body,
      ).SubscribeURL;
      expect((await fetch(token)).status).toBe(200);
      await sns.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn,
          AttributeName: 'DeliveryPolicy',
          AttributeValue: JSON.stringify({
            healthyRetryPolicy: { minDelayTarget: 2, maxDelayTarget: 2, numRetries: 20 },
          }),
        }),
      );
      await sns.send(new PublishCommand({ TopicArn, Message: 'survives' }));
      // The first attempt fails; the retry is pending (2 s away) when the server dies.
      await waitFor(() => received.some((r) => r.type === 'Notification'));
      await first.kill('SIGKILL');
      first = undefined;
      healthy = true;
      second = new ServerProcess(port, testRedisUrl(), prefix);
      await second.start();
      await waitFor(() => received.filter((r) => r.type === 'Notification').length >= 2);
      const last = received.filter((r) => r.type === 'Notification').pop()!;
      expect(JSON.parse(last.body).Message).toBe('survives');
    } finally {
      sns.destroy();
    }
  }, 90_000);
});
