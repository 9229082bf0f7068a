import { readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { All, Controller, Delete, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { StoreError } from '@switchyard/redis';
import {
  isFifoQueue,
  isQueueName,
  QueueDirectory,
  QueueInspection,
  type QueueCounts,
} from '@switchyard/queues';
import { Clock } from '@switchyard/runtime';
import { TopicInspection } from '@switchyard/topics';
import { type ExpressRunSummary, RecentExpressExecutions } from '@switchyard/workflows';
import { ConsoleError, ConsoleErrorFilter } from './console-error';
import { CONSOLE_OPTIONS, type ResolvedConsoleOptions } from './console.options';
import { optionalText, parseLimit, requiredText } from './console-params';
import {
  credentialsMatch,
  readCookie,
  SESSION_COOKIE,
  SESSION_SECONDS,
  sessionCookie,
  signSessionToken,
  verifySessionToken,
} from './console-session';
import { cacheControlOf, consoleFileOf, contentTypeOf } from './console-static';

/** The parts of a request the console reads (the HTTP framework's request). */
interface ConsoleRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly query: Record<string, unknown>;
  readonly params: Record<string, string>;
  readonly body?: unknown;
}

/** The parts of a reply the console writes (the HTTP framework's reply). */
interface ConsoleReply {
  code(status: number): ConsoleReply;
  header(name: string, value: string): ConsoleReply;
  send(body?: unknown): unknown;
}

/** Queues the console lists at most. */
const MAX_QUEUES = 1000;
/** Queues whose counters are read at once. */
const QUEUE_CHUNK = 50;

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$|^[A-Za-z0-9_-]{1,251}\.fifo$/;

/**
 * The web console, under `/_console`: its built files, its session, and the read-only endpoints the
 * AWS APIs do not offer (counters of every queue, peeks, delivery failures per subscription, recent
 * Express executions). Everything else the console does it does through the AWS APIs, signed.
 */
@Controller('_console')
@UseFilters(ConsoleErrorFilter)
export class ConsoleController {
  constructor(
    @Inject(CONSOLE_OPTIONS) private readonly options: ResolvedConsoleOptions,
    private readonly clock: Clock,
    private readonly queues: QueueInspection,
    private readonly directory: QueueDirectory,
    private readonly topics: TopicInspection,
    private readonly express: RecentExpressExecutions,
  ) {}

  // Session.

  @Get('api/session')
  session(@Req() req: ConsoleRequest) {
    const sigv4 = this.options.credentials.size > 0;
    const accessKeyId = this.sessionOf(req);
    return {
      authenticated: !sigv4 || accessKeyId !== undefined,
      sigv4,
      ...(accessKeyId !== undefined ? { accessKeyId } : {}),
      region: this.options.region,
      accountId: this.options.accountId,
    };
  }

  @Post('api/session')
  login(@Req() req: ConsoleRequest, @Res() reply: ConsoleReply): void {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const accessKeyId = body.accessKeyId;
    const secretAccessKey = body.secretAccessKey;
    if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string')
      throw new ConsoleError(400, 'Send a JSON object with accessKeyId and secretAccessKey.');
    const credentials = this.options.credentials;
    if (credentials.size === 0) {
      // SigV4 is not enforced: there is nothing to sign in to.
      reply.code(204).send();
      return;
    }
    if (!credentialsMatch(credentials, accessKeyId, secretAccessKey))
      throw new ConsoleError(
        401,
        'The access key id or secret is not one this deployment is configured with.',
      );
    const expiresAt = Math.floor(this.clock.now() / 1000) + SESSION_SECONDS;
    const token = signSessionToken(accessKeyId, credentials.get(accessKeyId)!, expiresAt);
    reply.code(204).header('set-cookie', sessionCookie(token)).header('cache-control', 'no-store').send();
  }

  @Delete('api/session')
  logout(@Res() reply: ConsoleReply): void {
    reply.code(204).header('set-cookie', sessionCookie(undefined)).send();
  }

  // Queues.

  @Get('api/queues')
  async listQueues(@Req() req: ConsoleRequest) {
    this.requireSession(req);
    const accountId = this.options.accountId;
    const names = await this.queues.queueNames(accountId, MAX_QUEUES);
    const now = this.clock.now();
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < names.length; i += QUEUE_CHUNK) {
      const chunk = names.slice(i, i + QUEUE_CHUNK);
      const counts = await Promise.all(chunk.map((name) => this.queues.counts({ accountId, name }, now)));
      chunk.forEach((name, j) => {
        const c: QueueCounts | undefined = counts[j];
        if (!c) return;
        const queue = { accountId, name };
        out.push({
          name,
          url: this.directory.url(queue),
          arn: this.directory.arn(queue),
          fifo: isFifoQueue(queue),
          visible: c.visible,
          inFlight: c.notVisible,
          delayed: c.delayed,
          oldestAgeSeconds: c.oldestAgeSeconds,
        });
      });
    }
    return { queues: out };
  }

  @Get('api/queues/:name/messages')
  async peekMessages(@Req() req: ConsoleRequest) {
    this.requireSession(req);
    const name = req.params.name;
    if (!isQueueName(name)) throw new ConsoleError(400, `"${name}" is not a queue name.`);
    const limit = parseLimit(req.query.limit, 50);
    const search = optionalText(req.query.search, 'search');
    try {
      return await this.queues.peek({ accountId: this.options.accountId, name }, this.clock.now(), {
        limit,
        search: search || undefined,
      });
    } catch (e) {
      if (e instanceof StoreError && e.code === 'NOT_FOUND')
        throw new ConsoleError(404, `The queue ${name} does not exist.`);
      throw e;
    }
  }

  // Topics.

  @Get('api/topics/:name/delivery-stats')
  async deliveryStats(@Req() req: ConsoleRequest) {
    this.requireSession(req);
    const name = req.params.name;
    if (!TOPIC_NAME.test(name)) throw new ConsoleError(400, `"${name}" is not a topic name.`);
    try {
      const subscriptions = await this.topics.deliveryFailures({
        accountId: this.options.accountId,
        region: this.options.region,
        name,
      });
      return { subscriptions };
    } catch (e) {
      if (e instanceof StoreError && e.code === 'NOT_FOUND')
        throw new ConsoleError(404, `The topic ${name} does not exist.`);
      throw e;
    }
  }

  // Recent Express executions.

  @Get('api/express-executions')
  async expressExecutions(@Req() req: ConsoleRequest) {
    this.requireSession(req);
    const limit = parseLimit(req.query.limit, 100);
    const stateMachineArn = optionalText(req.query.stateMachineArn, 'stateMachineArn');
    const runs = await this.express.list(this.options.accountId, this.clock.now(), {
      stateMachineArn: stateMachineArn || undefined,
      limit,
    });
    return { executions: runs.map(expressExecutionOf) };
  }

  @Get('api/express-executions/history')
  async expressHistory(@Req() req: ConsoleRequest) {
    this.requireSession(req);
    const executionArn = requiredText(req.query.executionArn, 'executionArn');
    const events = await this.express.history(executionArn);
    if (!events)
      throw new ConsoleError(
        404,
        `The execution ${executionArn} is not among the recent Express executions.`,
      );
    return { events: events.map(epochSeconds) };
  }

  @All('api/*')
  unknownEndpoint(@Req() req: ConsoleRequest): never {
    this.requireSession(req);
    throw new ConsoleError(404, `No console endpoint ${req.method} ${req.url.split('?')[0]}.`);
  }

  // The built console.

  @Get()
  root(@Res() reply: ConsoleReply): void {
    reply.code(308).header('location', '/_console/').send();
  }

  @Get('*')
  async file(@Req() req: ConsoleRequest, @Res() reply: ConsoleReply): Promise<void> {
    const root = this.options.staticDir;
    const asked = consoleFileOf(root, req.url.split('?')[0]);
    if (asked.kind === 'refused') {
      reply.code(400).header('content-type', 'text/plain; charset=utf-8').send('Bad path.\n');
      return;
    }
    const index = await readFile(join(root, 'index.html')).catch(() => undefined);
    if (index === undefined) {
      reply
        .code(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          `The console is not built (no index.html in ${root}): run \`npm run build:console\`, then reload.\n`,
        );
      return;
    }
    let relative = asked.relative;
    let body = relative === 'index.html' ? index : await readFile(asked.absolute).catch(() => undefined);
    if (body === undefined) {
      if (relative.startsWith('assets/')) {
        reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('Not found.\n');
        return;
      }
      // Any other path gets the console itself, which routes by its URL's hash.
      relative = 'index.html';
      body = index;
    }
    reply
      .code(200)
      .header('content-type', contentTypeOf(relative))
      .header('cache-control', cacheControlOf(relative))
      .header('x-content-type-options', 'nosniff')
      .send(body);
  }

  /** The access key id of the request's valid session, if it has one. */
  private sessionOf(req: ConsoleRequest): string | undefined {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token === undefined) return undefined;
    return verifySessionToken(token, this.options.credentials, Math.floor(this.clock.now() / 1000));
  }

  /** Refuses the request (401) when SigV4 is enforced and it has no valid session. */
  private requireSession(req: ConsoleRequest): void {
    if (this.options.credentials.size > 0 && this.sessionOf(req) === undefined)
      throw new ConsoleError(401, 'Sign in to the console first (POST /_console/api/session).');
  }
}

/** A recent Express run as the console lists it: dates as epoch seconds, as the Step Functions JSON protocol writes them. */
function expressExecutionOf(run: ExpressRunSummary): Record<string, unknown> {
  return { ...run, startDate: run.startDate / 1000, stopDate: run.stopDate / 1000 };
}

/** A history event with its timestamp as epoch seconds, as the JSON protocol writes it. */
function epochSeconds(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) out[k] = v instanceof Date ? v.getTime() / 1000 : v;
  return out;
}
