// A do-nothing SQS endpoint (AWS JSON 1.0): every operation the SQS bench uses answers a valid
// response with correct MD5 digests, and nothing is stored. ReceiveMessage always returns
// MaxNumberOfMessages synthetic messages whose body carries the time the response was made, so the
// bench's latency consumer can read it like a real message. Run as a child process; it prints
// {"port":N} on stdout once listening.
// Usage: node -r @swc-node/register bench/sqs/null-sqs.server.ts [port]
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Json, type JsonHandler, serveJsonEndpoint } from '../null-json-endpoint';
import { makeBody } from './message-body';

const ACCOUNT = '000000000000';
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

const queueUrl = (req: IncomingMessage, name: string) => `http://${req.headers.host}/${ACCOUNT}/${name}`;

const handlers: Record<string, JsonHandler> = {
  CreateQueue: (input, req) => ({ QueueUrl: queueUrl(req, String(input.QueueName)) }),
  GetQueueUrl: (input, req) => ({ QueueUrl: queueUrl(req, String(input.QueueName)) }),
  SendMessage: (input) => ({ MessageId: randomUUID(), MD5OfMessageBody: md5(String(input.MessageBody)) }),
  SendMessageBatch: (input) => ({
    Successful: (input.Entries as Json[]).map((e) => ({
      Id: e.Id,
      MessageId: randomUUID(),
      MD5OfMessageBody: md5(String(e.MessageBody)),
    })),
    Failed: [],
  }),
  ReceiveMessage: (input) => {
    const n = Math.min(Math.max(Number(input.MaxNumberOfMessages ?? 1), 1), 10);
    const messages: Json[] = [];
    for (let i = 0; i < n; i++) {
      const body = makeBody();
      const id = randomUUID();
      messages.push({ MessageId: id, ReceiptHandle: `rh-${id}`, MD5OfBody: md5(body), Body: body });
    }
    return { Messages: messages };
  },
  DeleteMessage: () => ({}),
  DeleteMessageBatch: (input) => ({
    Successful: (input.Entries as Json[]).map((e) => ({ Id: e.Id })),
    Failed: [],
  }),
  PurgeQueue: () => ({}),
  DeleteQueue: () => ({}),
  GetQueueAttributes: (input) => {
    const names: string[] = input.AttributeNames ?? [];
    const all = names.includes('All');
    const attributes: Record<string, string> = {};
    for (const name of [
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
      'ApproximateNumberOfMessagesDelayed',
    ])
      if (all || names.includes(name)) attributes[name] = '0';
    return { Attributes: attributes };
  },
};

serveJsonEndpoint('AmazonSQS', handlers, 'com.amazonaws.sqs#UnsupportedOperation');
