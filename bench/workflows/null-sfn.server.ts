// A do-nothing Step Functions endpoint (AWS JSON 1.0): every operation the sfn bench uses answers a
// valid response at once, and nothing is stored or run: the ceiling for a client's request rate.
// Run as a child process; it prints {"port":N} on stdout once listening.
// Usage: node -r @swc-node/register bench/workflows/null-sfn.server.ts [port]
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Json = Record<string, any>;
const now = () => Date.now() / 1000;

const handlers: Record<string, (input: Json) => Json> = {
  CreateStateMachine: (input) => ({
    stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:${input.name}`,
    creationDate: now(),
  }),
  StartExecution: (input) => ({
    executionArn: `${String(input.stateMachineArn).replace(':stateMachine:', ':execution:')}:${input.name ?? randomUUID()}`,
    startDate: now(),
  }),
  StartSyncExecution: (input) => ({
    executionArn: `${String(input.stateMachineArn).replace(':stateMachine:', ':express:')}:${randomUUID()}:${randomUUID()}`,
    startDate: now(),
    stopDate: now(),
    status: 'SUCCEEDED',
    output: '{}',
  }),
  DescribeExecution: (input) => ({
    executionArn: input.executionArn,
    stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:x',
    status: 'SUCCEEDED',
    startDate: now(),
  }),
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
  const operation =
    typeof target === 'string' && target.startsWith('AWSStepFunctions.') ? target.slice(17) : '';
  const handler = handlers[operation];
  if (!handler) {
    if (req.method === 'GET') return reply(res, 200, { status: 'ok' });
    return reply(res, 400, {
      __type: 'com.amazonaws.swf.service.v2.model#ValidationException',
      message: operation,
    });
  }
  reply(res, 200, handler(raw ? (JSON.parse(raw) as Json) : {}));
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
});
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => server.close(() => process.exit(0)).closeAllConnections());
