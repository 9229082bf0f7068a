import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startTestServer, type TestServer } from './test-support/test-server';

/**
 * `lambda` subscriptions invoke the function registered under the endpoint's name
 * (SWITCHYARD_LAMBDA_FUNCTIONS) with Lambda's SNS event.
 */
describe('SNS lambda subscriptions', () => {
  let fn: Server;
  const events: unknown[] = [];
  let server: TestServer;

  beforeAll(async () => {
    fn = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        events.push(JSON.parse(body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('null');
      });
    });
    await new Promise<void>((resolve) => fn.listen(0, '127.0.0.1', resolve));
    const port = (fn.address() as AddressInfo).port;
    server = await startTestServer({
      SWITCHYARD_LAMBDA_FUNCTIONS: `on-order=http://127.0.0.1:${port}/invoke`,
    });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => fn.close(resolve));
  });

  it("delivers Lambda's SNS event to the registered function, and dead-letters what no function takes", async () => {
    const sns = server.sns();
    const sqs = server.sqs();
    const TopicArn = (await sns.send(new CreateTopicCommand({ Name: 'lambda-topic' }))).TopicArn!;
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'lambda',
        Endpoint: 'arn:aws:lambda:us-east-1:000000000000:function:on-order',
      }),
    );
    expect(SubscriptionArn).toMatch(/^arn:aws:sns:/);
    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn,
        Message: 'order 1',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
      }),
    );
    const deadline = Date.now() + 10_000;
    while (events.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(events).toHaveLength(1);
    const record = (events[0] as { Records: Record<string, unknown>[] }).Records[0];
    expect(Object.keys(record)).toEqual(['EventSource', 'EventVersion', 'EventSubscriptionArn', 'Sns']);
    expect(record).toMatchObject({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: SubscriptionArn,
    });
    expect(record.Sns).toMatchObject({
      Type: 'Notification',
      MessageId,
      TopicArn,
      Subject: null,
      Message: 'order 1',
      SignatureVersion: '1',
      SigningCertUrl: expect.stringMatching(/^https:\/\/.*\.pem$/),
      UnsubscribeUrl: expect.stringContaining(SubscriptionArn!),
      MessageAttributes: { kind: { Type: 'String', Value: 'order' } },
    });

    // A function nobody registered: the delivery fails client-side and goes to the dead-letter queue.
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: 'lambda-dlq' }))).QueueUrl!;
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'lambda',
        Endpoint: 'arn:aws:lambda:us-east-1:000000000000:function:nobody',
        Attributes: {
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:lambda-dlq',
          }),
        },
      }),
    );
    await sns.send(new PublishCommand({ TopicArn, Message: 'order 2' }));
    let dead: string | undefined;
    const until = Date.now() + 10_000;
    while (!dead && Date.now() < until) {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 1 }));
      dead = out.Messages?.[0]?.Body;
    }
    expect(JSON.parse(dead!).Records[0].Sns.Message).toBe('order 2');
  });
});
