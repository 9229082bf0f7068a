// A do-nothing SQS endpoint (AWS JSON 1.0): every operation the SQS bench uses answers a valid
// response with correct MD5 digests, and nothing is stored. ReceiveMessage always returns
// MaxNumberOfMessages synthetic messages whose body carries the time the response was made, so the
// bench's latency consumer can read it like a real message. Run as a child process; it prints
// {"port":N} on stdout once listening.
// Usage: node -r @swc-node/register bench/sqs/null-sqs.server.ts [port]
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { makeBody } from './message-body';

const ACCOUNT = '000000000000';
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

type Json = Record<string, any>;
type Handler = (input: Json, req: IncomingMessage) => Json;

const queueUrl = (req: IncomingMessage, name: string) => `http://${req.headers.host}/${ACCOUNT}/${name}`;

const handlers: Record<string, Handler> = {
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

function reply(res: ServerResponse, status: number, payload: Json): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
  const target = req.headers['x-amz-target'];
  const operation = typeof target === 'string' && target.startsWith('AmazonSQS.') ? target.slice(10) : '';
  const handler = handlers[operation];
  if (!handler) {
    if (req.method === 'GET') return reply(res, 200, { status: 'ok' });
    return reply(res, 400, {
      __type: 'com.amazonaws.sqs#UnsupportedOperation',
      message: `unsupported: ${operation || '(no X-Amz-Target)'}`,
    });
  }
  let input: Json;
  try {
    input = raw ? JSON.parse(raw) : {};
  } catch {
    return reply(res, 400, {
      __type: 'com.amazonaws.sqs#InvalidParameterValue',
      message: 'body is not JSON',
    });
  }
  reply(res, 200, handler(input, req));
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () =>
    handle(
      req,
      res,
      chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'),
    ),
  );
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
});
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => server.close(() => process.exit(0)).closeAllConnections());
