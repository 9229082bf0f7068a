import { request } from 'node:http';
import {
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { useTestServer } from './test-support/test-server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Consumers that hang up a long poll (a process stopping, a client-side timeout, a cancelled request)
 * must take nothing: what arrives afterwards is for the consumers still there, counted once.
 */
describe('SQS long polls abandoned by their clients', () => {
  const env = useTestServer();
  const { sqs, queue } = env;

  /** A queue whose messages dead-letter on their second receive, so a receive nobody saw shows. */
  async function queueWithDlq(name: string): Promise<{ url: string; dlq: string }> {
    const dlq = await queue(`${name}-dlq`);
    const url = await queue(name, {
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: `arn:aws:sqs:us-east-1:000000000000:${name}-dlq`,
        maxReceiveCount: 1,
      }),
    });
    return { url, dlq };
  }

  async function sendTen(url: string): Promise<string[]> {
    const out = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `message ${i}` })),
      }),
    );
    return out.Successful!.map((s) => s.MessageId!);
  }

  /** What a fresh consumer receives at once (no wait), until the queue answers empty. */
  async function receiveEverything(client: SQSClient, url: string): Promise<Message[]> {
    const all: Message[] = [];
    for (;;) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 30,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      if (Messages.length === 0) return all;
      all.push(...Messages);
    }
  }

  async function counts(url: string): Promise<Record<string, string> | undefined> {
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return out.Attributes;
  }

  async function expectAllReceivableOnce(url: string, dlq: string, ids: string[]): Promise<void> {
    const received = await receiveEverything(env.server.sqs(), url);
    expect(received.map((m) => m.MessageId).sort()).toEqual([...ids].sort());
    for (const m of received) expect(m.Attributes?.ApproximateReceiveCount).toBe('1');
    // Past the 1 s visibility timeout a receive nobody saw would have sent them here on the next look.
    expect(await counts(dlq)).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  }

  it('SDK clients that abort their long polls take none of the messages sent after they left', async () => {
    const { url, dlq } = await queueWithDlq('abandoned-sdk');
    const polls = Array.from({ length: 50 }, () => {
      const connection = new AbortController();
      const answer = env.server
        .sqs()
        .send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 }), {
          abortSignal: connection.signal,
        })
        .then(
          () => 'answered',
          (e: Error) => e.name,
        );
      return { connection, answer };
    });
    await sleep(500);
    for (const p of polls) p.connection.abort();
    expect(new Set(await Promise.all(polls.map((p) => p.answer)))).toEqual(new Set(['AbortError']));
    await sleep(500);
    const ids = await sendTen(url);
    await sleep(200);
    await expectAllReceivableOnce(url, dlq, ids);
  });

  it('raw HTTP connections closed mid-poll, in either protocol, take nothing either', async () => {
    const { url, dlq } = await queueWithDlq('abandoned-raw');
    const target = new URL(env.server.url);
    const polls = Array.from({ length: 20 }, (_, i) => {
      const json = i % 2 === 0;
      const body = json
        ? JSON.stringify({ QueueUrl: url, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 })
        : new URLSearchParams({
            Action: 'ReceiveMessage',
            QueueUrl: url,
            WaitTimeSeconds: '20',
            MaxNumberOfMessages: '10',
          }).toString();
      const req = request({
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: '/',
        headers: json
          ? { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ReceiveMessage' }
          : { 'content-type': 'application/x-www-form-urlencoded' },
      });
      req.on('error', () => undefined);
      req.end(body);
      return req;
    });
    await sleep(500);
    for (const req of polls) req.destroy();
    await sleep(500);
    const ids = await sendTen(url);
    await sleep(200);
    await expectAllReceivableOnce(url, dlq, ids);
  });
});
