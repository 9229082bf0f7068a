import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { AwsError, CommonErrors } from '../aws-error';
import type { AwsRouter } from '../aws-router';

/** Largest request body accepted; operations enforce AWS's own, smaller limits with AWS errors. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** A larger body is read to its end and refused with an AWS error, up to this size; beyond it the connection is cut. */
const MAX_DRAINED_BYTES = 4 * MAX_BODY_BYTES;
/**
 * A body that stops arriving for this long is refused and its connection closed: a client that
 * declares more than it sends (a chunk of `ffffffffffffffff` bytes, a Content-Length never met) would
 * otherwise hold the connection until Node's five-minute request timeout.
 */
const BODY_IDLE_MS = 5_000;

/** What the HTTP parser's errors answer, before any request exists to answer in an AWS protocol. */
const CLIENT_ERROR_STATUS: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  ERR_HTTP_HEADERS_TIMEOUT: 408,
};

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * One per connection, made for its first request: an AbortSignal costs microseconds to make, which
 * keep-alive clients then pay once rather than on every request.
 */
const connectionSignals = new WeakMap<Socket, AbortSignal>();

/**
 * Aborted once the client's connection closes: the client went away (hung up a long poll, timed
 * out), and no answer to a request on that connection can reach it any more. Requests on a
 * connection are answered in turn, so whatever one of them still does when it closes is for no one.
 */
function connectionClosed(socket: Socket): AbortSignal {
  let signal = connectionSignals.get(socket);
  if (!signal) {
    const controller = new AbortController();
    if (socket.destroyed) controller.abort();
    else socket.once('close', () => controller.abort());
    signal = controller.signal;
    connectionSignals.set(socket, signal);
  }
  return signal;
}

/** `/metrics` (Prometheus), with or without a query: never an AWS request (a queue URL's path has two segments). */
function isMetricsPath(url: string): boolean {
  return url.startsWith('/metrics') && (url.length === 8 || url[8] === '?');
}

/**
 * `/_console` and everything under `/_console/` (the web console): never an AWS request (a queue
 * URL's path starts with its account id).
 */
function isConsolePath(url: string): boolean {
  return url.startsWith('/_console') && (url.length === 9 || url[9] === '/' || url[9] === '?');
}

/**
 * The HTTP server of a Switchyard app. AWS API requests (everything outside `/health`, `/metrics`
 * and `/_console`) go straight from Node's HTTP parser to the AWS router, the hot path with no framework
 * in between; the rest (health, metrics, the console) goes to the framework's handler. Give it to the framework as its server factory, then
 * `attach` the router once the app exists.
 */
export class AwsHttpServer {
  private router?: AwsRouter;
  private frameworkHandler?: Handler;

  /** A server factory in the shape Fastify's `serverFactory` option takes. */
  readonly factory = (frameworkHandler: Handler): Server => {
    this.frameworkHandler = frameworkHandler;
    const server = createServer(this.dispatch);
    server.keepAliveTimeout = 65_000;
    return server;
  };

  /** Every request, whichever port it came on: AWS APIs to the router, the rest to the framework. */
  private readonly dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    const router = this.router;
    const url = req.url ?? '/';
    const resource = router?.resource(req.method ?? 'GET', url.split('?')[0]);
    if (resource) {
      resource.read().then(
        (body) =>
          res
            .writeHead(200, { 'content-type': resource.contentType })
            .end(req.method === 'HEAD' ? undefined : body),
        () => res.writeHead(503).end(),
      );
    } else if (router && !url.startsWith('/health') && !isMetricsPath(url) && !isConsolePath(url))
      this.serve(router, req, res);
    else this.frameworkHandler!(req, res);
  };

  /** An HTTPS server answering exactly as the HTTP one does, for the certificate and key given (PEM). */
  createTlsServer(material: { cert: string; key: string }): TlsServer {
    const server = createTlsServer({ cert: material.cert, key: material.key }, this.dispatch);
    server.keepAliveTimeout = 65_000;
    server.on('tlsClientError', (_err, socket) => socket.destroy());
    return server;
  }

  /**
   * Answers what Node's HTTP parser refuses (headers too large, malformed requests, timeouts) and
   * closes the connection, saying so (`Connection: close`), so a keep-alive client opens a new one
   * instead of reading a reset. Give it to the framework as its client error handler.
   */
  readonly clientErrorHandler = (error: Error & { code?: string }, socket: Duplex): void => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    // end() closes the connection once the answer is flushed.
    const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
    socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  /** From now on AWS requests reach this router. */
  attach(router: AwsRouter): void {
    this.router = router;
  }

  private serve(router: AwsRouter, req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    const idle = setTimeout(() => this.refuseStalledBody(router, req, res), BODY_IDLE_MS);
    req.on('data', (chunk: Buffer) => {
      idle.refresh();
      size += chunk.length;
      if (size > MAX_DRAINED_BYTES) {
        res.writeHead(413, { connection: 'close' }).end();
        req.destroy();
        return;
      }
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => {
      clearTimeout(idle);
      if (res.writableEnded) return;
      const tooLarge = size > MAX_BODY_BYTES;
      const body = tooLarge ? Buffer.alloc(0) : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const refusal = tooLarge
        ? new AwsError(
            CommonErrors.RequestEntityTooLarge,
            `The request body has ${size} bytes; at most ${MAX_BODY_BYTES} are accepted.`,
          )
        : undefined;
      this.answer(router, req, res, body, refusal, false);
    });
  }

  /** Answers a request whose body stopped arriving, in its protocol, and closes the connection. */
  private refuseStalledBody(router: AwsRouter, req: IncomingMessage, res: ServerResponse): void {
    if (res.headersSent || req.complete) return;
    const refusal = new AwsError(
      CommonErrors.RequestTimeout,
      `The request body stopped arriving for ${BODY_IDLE_MS / 1000} seconds before it was complete.`,
    );
    this.answer(router, req, res, Buffer.alloc(0), refusal, true);
  }

  private answer(
    router: AwsRouter,
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    refusal: AwsError | undefined,
    close: boolean,
  ): void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    router
      .handle(
        {
          method: req.method ?? 'POST',
          path: q < 0 ? url : url.slice(0, q),
          rawQuery: q < 0 ? '' : url.slice(q + 1),
          headers: req.headers,
          body,
          signal: connectionClosed(req.socket),
        },
        refusal,
      )
      .then(
        (response) => {
          // A stated length: a body written after writeHead would otherwise go out chunked, which
          // costs every client a chunk parser and every response two more writes' worth of framing.
          res.setHeader('content-length', Buffer.byteLength(response.body));
          res.writeHead(
            response.status,
            close ? { ...response.headers, connection: 'close' } : response.headers,
          );
          res.end(response.body);
        },
        () => {
          res.writeHead(500, { connection: 'close' }).end();
        },
      )
      .finally(() => {
        if (close) res.once('finish', () => req.socket.destroy());
      });
  }
}
