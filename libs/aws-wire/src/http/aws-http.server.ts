import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsError, CommonErrors } from '../aws-error';
import type { AwsRouter } from '../aws-router';

/** Largest request body accepted; operations enforce AWS's own, smaller limits with AWS errors. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** A larger body is read to its end and refused with an AWS error, up to this size; beyond it the connection is cut. */
const MAX_DRAINED_BYTES = 4 * MAX_BODY_BYTES;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The HTTP server of a Switchyard app. AWS API requests (everything outside `/health`) go straight
 * from Node's HTTP parser to the AWS router, the hot path with no framework in between; the rest
 * (health) goes to the framework's handler. Give it to the framework as its server factory, then
 * `attach` the router once the app exists.
 */
export class AwsHttpServer {
  private router?: AwsRouter;

  /** A server factory in the shape Fastify's `serverFactory` option takes. */
  readonly factory = (frameworkHandler: Handler): Server => {
    const server = createServer((req, res) => {
      const router = this.router;
      if (router && !(req.url ?? '/').startsWith('/health')) this.serve(router, req, res);
      else frameworkHandler(req, res);
    });
    server.keepAliveTimeout = 65_000;
    return server;
  };

  /** From now on AWS requests reach this router. */
  attach(router: AwsRouter): void {
    this.router = router;
  }

  private serve(router: AwsRouter, req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
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
      if (res.writableEnded) return;
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const tooLarge = size > MAX_BODY_BYTES;
      router
        .handle(
          {
            method: req.method ?? 'POST',
            path: q < 0 ? url : url.slice(0, q),
            rawQuery: q < 0 ? '' : url.slice(q + 1),
            headers: req.headers,
            body: tooLarge ? Buffer.alloc(0) : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
          },
          tooLarge
            ? new AwsError(
                CommonErrors.RequestEntityTooLarge,
                `The request body has ${size} bytes; at most ${MAX_BODY_BYTES} are accepted.`,
              )
            : undefined,
        )
        .then(
          (response) => {
            res.writeHead(response.status, response.headers);
            res.end(response.body);
          },
          () => {
            res.writeHead(500).end();
          },
        );
    });
  }
}
