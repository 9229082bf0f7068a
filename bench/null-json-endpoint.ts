// What every do-nothing AWS JSON 1.0 endpoint of the benches shares: an HTTP server that answers
// each operation (by its X-Amz-Target) from a handler table at once, stores nothing, and prints
// {"port":N} on stdout once listening, as the bench's targets expect of a child process.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export type Json = Record<string, any>;
export type JsonHandler = (input: Json, req: IncomingMessage) => Json;

function reply(res: ServerResponse, status: number, payload: Json): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

/**
 * Serves `handlers` for requests whose X-Amz-Target is `<targetPrefix>.<Operation>`; any other
 * operation, or a body that is not JSON, answers `errorType` (400). GET answers a health check.
 */
export function serveJsonEndpoint(
  targetPrefix: string,
  handlers: Record<string, JsonHandler>,
  errorType: string,
  port = Number(process.argv[2] ?? 0),
): void {
  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const target = req.headers['x-amz-target'];
    const operation =
      typeof target === 'string' && target.startsWith(`${targetPrefix}.`)
        ? target.slice(targetPrefix.length + 1)
        : '';
    const handler = handlers[operation];
    if (!handler) {
      if (req.method === 'GET') return reply(res, 200, { status: 'ok' });
      return reply(res, 400, {
        __type: errorType,
        message: `unsupported: ${operation || '(no X-Amz-Target)'}`,
      });
    }
    let input: Json;
    try {
      input = raw ? (JSON.parse(raw) as Json) : {};
    } catch {
      return reply(res, 400, { __type: errorType, message: 'body is not JSON' });
    }
    reply(res, 200, handler(input, req));
  };
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
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(
      `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
    );
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => server.close(() => process.exit(0)).closeAllConnections());
}
