import type { FastifyInstance } from 'fastify';
import type { AwsRouter } from '../aws-router';

/** Largest request body accepted; operations enforce AWS's own, smaller limits with AWS errors. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Serves the AWS APIs on a Fastify instance: every POST (and GET, for query-protocol clients) that no
 * other route claims goes to the router with its raw body.
 */
export function mountAwsRoutes(fastify: FastifyInstance, router: AwsRouter): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_req, body, done) => done(null, body));
  const handler = async (request: any, reply: any) => {
    const url: string = request.raw.url ?? '/';
    const q = url.indexOf('?');
    const response = await router.handle({
      method: request.method,
      path: q < 0 ? url : url.slice(0, q),
      rawQuery: q < 0 ? '' : url.slice(q + 1),
      headers: request.headers,
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    });
    reply.code(response.status).headers(response.headers).send(response.body);
  };
  fastify.route({ method: ['POST', 'GET'], url: '/', bodyLimit: MAX_BODY_BYTES, handler });
  fastify.route({ method: ['POST', 'GET'], url: '/*', bodyLimit: MAX_BODY_BYTES, handler });
}
