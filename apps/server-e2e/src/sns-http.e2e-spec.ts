import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createVerify } from 'node:crypto';
import { get as httpsGet, globalAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MessageValidator = require('sns-validator') as new (hostPattern?: RegExp) => {
  validate(message: string, cb: (err: Error | null, message?: unknown) => void): void;
};
import { stringToSignForTest } from './test-support/sns-signatures';
import { useTestServer } from './test-support/test-server';

interface Received {
  readonly at: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** An HTTP endpoint that records every request and answers with the status `answer` picks. */
class Endpoint {
  readonly received: Received[] = [];
  answer: (r: Received) => number = () => 200;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(r);
        res.writeHead(this.answer(r)).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  of(type: string): Received[] {
    return this.received.filter((r) => r.headers['x-amz-sns-message-type'] === type);
  }

  async until<T>(check: () => T | undefined, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out; received ${JSON.stringify(this.received.map((r) => r.headers))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A retry policy of one-second steps, so the phases show within a test. */
const QUICK_RETRIES = JSON.stringify({
  healthyRetryPolicy: {
    minDelayTarget: 1,
    maxDelayTarget: 2,
    numRetries: 4,
    numNoDelayRetries: 1,
    numMinDelayRetries: 1,
    numMaxDelayRetries: 1,
    backoffFunction: 'linear',
  },
});

describe('SNS HTTP/S subscriptions through the SDK', () => {
  const env = useTestServer();
  const { sns, sqs } = env;
  const endpoints: Endpoint[] = [];
  afterAll(() => Promise.all(endpoints.map((e) => e.stop())));

  /** A topic with a confirmed HTTP subscription to a fresh endpoint. */
  async function subscribed(name: string, attributes: Record<string, string> = {}) {
    const endpoint = new Endpoint();
    endpoints.push(endpoint);
    const url = await endpoint.start();
    const TopicArn = (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'http',
        Endpoint: url,
        Attributes: attributes,
        ReturnSubscriptionArn: true,
      }),
    );
    const confirmation = await endpoint.until(() => endpoint.of('SubscriptionConfirmation')[0]);
    const body = JSON.parse(confirmation.body);
    // Visiting SubscribeURL confirms, as an endpoint does on AWS.
    const visit = await fetch(body.SubscribeURL);
    expect(visit.status).toBe(200);
    return { endpoint, url, TopicArn, SubscriptionArn: SubscriptionArn!, confirmation: body };
  }

  it('sends a signed SubscriptionConfirmation, confirms through SubscribeURL, then delivers notifications', async () => {
    const { endpoint, TopicArn, SubscriptionArn, confirmation } = await subscribed('http-basic');
    expect(confirmation).toMatchObject({
      Type: 'SubscriptionConfirmation',
      TopicArn,
      Token: expect.stringMatching(/^[0-9a-f]{128}$/),
      SignatureVersion: '1',
      SubscribeURL: expect.stringContaining('Action=ConfirmSubscription'),
    });
    expect(stringToSignForTest(confirmation)).toContain(`Token\n${confirmation.Token}\n`);
    const headers = endpoint.of('SubscriptionConfirmation')[0].headers;
    expect(headers['x-amz-sns-subscription-arn']).toBeUndefined();
    expect(headers['user-agent']).toBe('Amazon Simple Notification Service Agent');
    expect(
      (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes,
    ).toMatchObject({
      PendingConfirmation: 'false',
      ConfirmationWasAuthenticated: 'false',
    });

    const { MessageId } = await sns.send(
      new PublishCommand({ TopicArn, Message: 'over http', Subject: 's' }),
    );
    const n = await endpoint.until(() => endpoint.of('Notification')[0]);
    expect(n.headers).toMatchObject({
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': MessageId,
      'x-amz-sns-topic-arn': TopicArn,
      'x-amz-sns-subscription-arn': SubscriptionArn,
      'content-type': 'text/plain; charset=UTF-8',
    });
    expect(JSON.parse(n.body)).toMatchObject({
      Type: 'Notification',
      MessageId,
      Message: 'over http',
      Subject: 's',
    });
    expect(n.body).toMatch(/^\{\n {2}"Type" : "Notification"/);
  });

  it('delivers raw with x-amz-sns-rawdelivery, in the content type the request policy names', async () => {
    const { endpoint, TopicArn, SubscriptionArn } = await subscribed('http-raw', {
      RawMessageDelivery: 'true',
    });
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: 'DeliveryPolicy',
        AttributeValue: JSON.stringify({ requestPolicy: { headerContentType: 'application/json' } }),
      }),
    );
    await sns.send(new PublishCommand({ TopicArn, Message: '{"raw":true}' }));
    const n = await endpoint.until(() => endpoint.of('Notification')[0]);
    expect(n.body).toBe('{"raw":true}');
    expect(n.headers['x-amz-sns-rawdelivery']).toBe('true');
    expect(n.headers['content-type']).toBe('application/json');
  });

  it('retries a failing endpoint through the four phases of its policy, then delivers', async () => {
    const { endpoint, TopicArn, SubscriptionArn } = await subscribed('http-retry');
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: 'DeliveryPolicy',
        AttributeValue: QUICK_RETRIES,
      }),
    );
    let failures = 4;
    endpoint.answer = (r) =>
      r.headers['x-amz-sns-message-type'] === 'Notification' && failures-- > 0 ? 503 : 200;
    await sns.send(new PublishCommand({ TopicArn, Message: 'eventually' }));
    const attempts = await endpoint.until(
      () => (endpoint.of('Notification').length === 5 ? endpoint.of('Notification') : undefined),
      30_000,
    );
    const gaps = attempts.slice(1).map((a, i) => (a.at - attempts[i].at) / 1000);
    // Immediate retry, then the minimum delay (1 s), the backoff phase (1..2 s), then the maximum (2 s).
    expect(gaps[0]).toBeLessThan(0.8);
    expect(gaps[1]).toBeGreaterThan(0.8);
    expect(gaps[3]).toBeGreaterThan(1.7);
    process.stdout.write(`${JSON.stringify({ retryGapsSeconds: gaps })}\n`);
  });

  it('sends what exhausted its retries to the dead-letter queue, and does not retry a 4xx', async () => {
    const dlq = await env.queue('http-dlq');
    const { endpoint, TopicArn, SubscriptionArn } = await subscribed('http-dlq-topic');
    for (const [AttributeName, AttributeValue] of [
      [
        'DeliveryPolicy',
        JSON.stringify({ healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 1 } }),
      ],
      [
        'RedrivePolicy',
        JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:http-dlq' }),
      ],
    ])
      await sns.send(
        new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName, AttributeValue }),
      );
    endpoint.answer = (r) =>
      r.body.includes('server-error') ? 500 : r.body.includes('client-error') ? 400 : 200;
    await sns.send(new PublishCommand({ TopicArn, Message: 'server-error' }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'client-error' }));
    const bodies: string[] = [];
    const deadline = Date.now() + 20_000;
    while (bodies.length < 2 && Date.now() < deadline) {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
      );
      bodies.push(...(out.Messages ?? []).map((m) => JSON.parse(m.Body!).Message));
    }
    expect(bodies.sort()).toEqual(['client-error', 'server-error']);
    const count = (text: string) => endpoint.of('Notification').filter((r) => r.body.includes(text)).length;
    expect(count('server-error')).toBe(2);
    expect(count('client-error')).toBe(1);
    expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toHaveLength(1);
  });

  it('signs every message so that sns-validator verifies it, SignatureVersion 1 and 2', async () => {
    const { endpoint, TopicArn, confirmation } = await subscribed('http-signed');
    // Trust the deployment's self-signed certificate, as a subscriber configured for it does.
    const pem = await new Promise<string>((resolve, reject) =>
      httpsGet(confirmation.SigningCertURL, { rejectUnauthorized: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => resolve(body));
      }).on('error', reject),
    );
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    globalAgent.options.ca = pem;
    const validator = new MessageValidator(/^(127\.0\.0\.1|localhost):\d+$/);
    const validate = (body: string) =>
      new Promise<void>((resolve, reject) =>
        validator.validate(body, (err) => (err ? reject(err) : resolve())),
      );
    await validate(endpoint.of('SubscriptionConfirmation')[0].body);
    await sns.send(new PublishCommand({ TopicArn, Message: 'signed v1', Subject: 'v1' }));
    // The version is read when a message is signed for delivery: change it once the first is out.
    await endpoint.until(() => endpoint.of('Notification')[0]);
    await sns.send(
      new SetTopicAttributesCommand({ TopicArn, AttributeName: 'SignatureVersion', AttributeValue: '2' }),
    );
    await sns.send(new PublishCommand({ TopicArn, Message: 'signed v2 ✓' }));
    const notifications = await endpoint.until(() =>
      endpoint.of('Notification').length === 2 ? endpoint.of('Notification') : undefined,
    );
    const versions = notifications.map((n) => JSON.parse(n.body).SignatureVersion).sort();
    expect(versions).toEqual(['1', '2']);
    for (const n of notifications) await validate(n.body);
    // A message altered on the way is refused.
    const tampered = JSON.parse(notifications[0].body);
    tampered.Message = 'altered';
    await expect(validate(JSON.stringify(tampered))).rejects.toThrow('The message signature is invalid.');
  });

  it('holds a throttled subscription to maxReceivesPerSecond, whatever the executors', async () => {
    const { endpoint, TopicArn, SubscriptionArn } = await subscribed('http-throttled');
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: 'DeliveryPolicy',
        AttributeValue: JSON.stringify({ throttlePolicy: { maxReceivesPerSecond: 2 } }),
      }),
    );
    for (let i = 0; i < 6; i++) await sns.send(new PublishCommand({ TopicArn, Message: `t${i}` }));
    const got = await endpoint.until(
      () => (endpoint.of('Notification').length === 6 ? endpoint.of('Notification') : undefined),
      20_000,
    );
    // At most 2 go out in any whole second of the senders' clock, so of five deliveries in a row the
    // first and the last went out at least a second apart. Counting arrivals per second of the
    // endpoint's clock instead fails now and then: a delivery made at the end of one second can arrive
    // in the next, beside that second's two.
    const at = got.map((r) => r.at).sort((a, b) => a - b);
    for (let i = 0; i + 4 < at.length; i++) expect(at[i + 4] - at[i]).toBeGreaterThan(750);
  });

  it('sends a signed UnsubscribeConfirmation when a confirmed endpoint is unsubscribed', async () => {
    const { endpoint, TopicArn, SubscriptionArn, confirmation } = await subscribed('http-unsub');
    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    const r = await endpoint.until(() => endpoint.of('UnsubscribeConfirmation')[0]);
    expect(r.headers['x-amz-sns-subscription-arn']).toBe(SubscriptionArn);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({
      Type: 'UnsubscribeConfirmation',
      TopicArn,
      Token: expect.stringMatching(/^[0-9a-f]{128}$/),
      Message: expect.stringContaining(`You have chosen to deactivate subscription ${SubscriptionArn}`),
    });
    // AWS signs the Token of an UnsubscribeConfirmation (sns-validator leaves it out): check with AWS's order.
    const pem = await new Promise<string>((resolve, reject) =>
      httpsGet(confirmation.SigningCertURL, { rejectUnauthorized: false }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve(text));
      }).on('error', reject),
    );
    const verifier = createVerify('RSA-SHA1');
    verifier.update(stringToSignForTest(body), 'utf8');
    expect(verifier.verify(pem, body.Signature, 'base64')).toBe(true);
  });
});
