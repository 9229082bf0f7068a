import { randomUUID } from 'node:crypto';
import type { Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type Redis from 'ioredis';
import { AwsRouter } from '@switchyard/aws-wire';
import { REDIS_CLIENT, type RedisClient } from '@switchyard/redis';
import { Clock, CoreModule, loadRuntimeConfig } from '@switchyard/runtime';
import { loadQueuesConfig } from '../queues.config';
import { QueuesModule } from '../queues.module';
import { TestClock } from './test-clock';

/** The account every request of a test app speaks for. */
export const TEST_ACCOUNT = '000000000000';
/** The base of the queue URLs a test app hands out. */
export const TEST_PUBLIC_URL = 'http://sqs.test:4566';

type RouterRequest = Parameters<AwsRouter['handle']>[0];

/** One answer of the router, as a test reads it. */
export interface SqsAnswer {
  readonly status: number;
  /** JSON protocol: the parsed body; query protocol: the XML document as text. */
  readonly body: any;
  /** For an error: the JSON `__type` without its namespace, or the query protocol's `<Code>`. */
  readonly code?: string;
  /** For a JSON error: the code of the `x-amzn-query-error` header (`AWS.SimpleQueueService.NonExistentQueue`). */
  readonly queryCode?: string;
  readonly message?: string;
}

export interface SqsTestAppOptions {
  /** DeleteQueue's cooldown before the name can be taken again; 0 (off) unless a test needs it. */
  readonly deleteCooldownSeconds?: number;
  /** Messages a queue may have in flight; AWS's 120,000 unless a test needs a small quota. */
  readonly maxInFlight?: number;
}

/**
 * The SQS API booted in-process without HTTP: CoreModule and QueuesModule on the test Redis under a key
 * prefix of its own, with a TestClock for the system clock. Requests go through the real AwsRouter, so
 * wire validation, the operations, the Lua scripts and the error mapping all take part.
 */
export class SqsTestApp {
  private constructor(
    private readonly module: TestingModule,
    private readonly router: AwsRouter,
    private readonly redis: RedisClient,
    readonly clock: TestClock,
    readonly keyPrefix: string,
  ) {}

  static async start(options: SqsTestAppOptions = {}): Promise<SqsTestApp> {
    const redisUrl = process.env.REDIS_URL;
    if (!redisUrl) throw new Error('REDIS_URL is not set: run the tests with `npm test`');
    const keyPrefix = `t${randomUUID().slice(0, 8)}`;
    const runtime = loadRuntimeConfig({
      REDIS_URL: redisUrl,
      SWITCHYARD_KEY_PREFIX: keyPrefix,
      SWITCHYARD_PUBLIC_URL: TEST_PUBLIC_URL,
      SWITCHYARD_ACCOUNT_ID: TEST_ACCOUNT,
    });
    const queues = loadQueuesConfig(
      {
        SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS: String(options.deleteCooldownSeconds ?? 0),
        SWITCHYARD_QUEUE_MAX_IN_FLIGHT: options.maxInFlight?.toString(),
      },
      runtime,
    );
    const clock = new TestClock();
    const module = await Test.createTestingModule({
      imports: [CoreModule.forRoot({ ...runtime, redisUrl }), QueuesModule.forRoot(queues)],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    await module.init();
    return new SqsTestApp(module, module.get(AwsRouter), module.get(REDIS_CLIENT), clock, keyPrefix);
  }

  /** A provider of the app, for a test that must reach behind the API (a worker's step, a store's state). */
  get<T>(token: Type<T> | string | symbol): T {
    return this.module.get(token, { strict: false });
  }

  /** The URL of a queue of the test account (whether or not it exists). */
  queueUrl(name: string): string {
    return `${TEST_PUBLIC_URL}/${TEST_ACCOUNT}/${name}`;
  }

  /** The ARN of a queue of the test account. */
  queueArn(name: string): string {
    return `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:${name}`;
  }

  /**
   * Sends one AWS JSON 1.0 request, `X-Amz-Target: AmazonSQS.<operation>`, with `input` as its body;
   * `signal` stands for the client's connection (abort it to hang up, as the HTTP layer does).
   */
  async json(operation: string, input: unknown, signal?: AbortSignal): Promise<SqsAnswer> {
    const res = await this.router.handle({
      ...request(
        '/',
        {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `AmazonSQS.${operation}`,
        },
        JSON.stringify(input),
      ),
      signal,
    });
    const body = JSON.parse(res.body);
    if (res.status === 200) return { status: res.status, body };
    return {
      status: res.status,
      body,
      code: String(body.__type).split('#').pop(),
      queryCode: res.headers['x-amzn-query-error']?.split(';')[0],
      message: body.message,
    };
  }

  /** Sends one query-protocol request: a form body of `Action=<operation>` and `params`, posted to `path`. */
  async query(
    operation: string,
    params: Record<string, string | number | boolean> = {},
    path = '/',
  ): Promise<SqsAnswer> {
    const form = new URLSearchParams({ Action: operation, Version: '2012-11-05' });
    for (const [name, value] of Object.entries(params)) form.append(name, String(value));
    const res = await this.router.handle(
      request(path, { 'content-type': 'application/x-www-form-urlencoded' }, form.toString()),
    );
    if (res.status === 200) return { status: res.status, body: res.body };
    return {
      status: res.status,
      body: res.body,
      code: xmlValues(res.body, 'Code')[0],
      message: xmlValues(res.body, 'Message')[0],
    };
  }

  /** A JSON request that must succeed (set-up steps); its parsed body. */
  async ok(operation: string, input: unknown): Promise<any> {
    const answer = await this.json(operation, input);
    if (answer.status !== 200) {
      throw new Error(`${operation} failed: ${answer.status} ${answer.code}: ${answer.message}`);
    }
    return answer.body;
  }

  /** Creates a queue (FIFO attributes added for a `.fifo` name) and returns its URL. */
  async createQueue(
    name: string,
    attributes: Record<string, string> = {},
    tags?: Record<string, string>,
  ): Promise<string> {
    const fifo = name.endsWith('.fifo') ? { FifoQueue: 'true' } : {};
    const out = await this.ok('CreateQueue', {
      QueueName: name,
      Attributes: { ...fifo, ...attributes },
      tags,
    });
    return out.QueueUrl;
  }

  /** GetQueueAttributes of the given names (all by default). */
  async attributes(queueUrl: string, names: string[] = ['All']): Promise<Record<string, string>> {
    return (
      (await this.ok('GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: names })).Attributes ?? {}
    );
  }

  /** Removes this app's keys from Redis and closes the app with its Redis and job connections. */
  async close(): Promise<void> {
    try {
      await deleteKeys(this.redis, `${this.keyPrefix}:*`);
    } finally {
      await this.module.close();
    }
  }
}

/**
 * Starts an SqsTestApp before the tests of the enclosing file (or describe block) and closes it after
 * them; the returned getter hands out the running app.
 */
export function useSqsTestApp(options: SqsTestAppOptions = {}): () => SqsTestApp {
  let app: SqsTestApp | undefined;
  beforeAll(async () => {
    app = await SqsTestApp.start(options);
  });
  afterAll(() => app?.close());
  return () => {
    if (!app) throw new Error('the SQS test app starts in beforeAll');
    return app;
  };
}

/** The texts of every `<tag>` element of an XML document, unescaped (query-protocol answers are flat enough). */
export function xmlValues(xml: string, tag: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))) {
    out.push(
      m[1]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&#xD;/g, '\r')
        .replace(/&amp;/g, '&'),
    );
  }
  return out;
}

function request(path: string, headers: Record<string, string>, body: string): RouterRequest {
  return { method: 'POST', path, rawQuery: '', headers, body: Buffer.from(body, 'utf8') };
}

/** Unlinks every key matching `pattern` (single-node Redis; a Cluster's keys are left to the test run's end). */
async function deleteKeys(redis: RedisClient, pattern: string): Promise<void> {
  if (redis.isCluster) return;
  for await (const keys of (redis as Redis).scanStream({ match: pattern, count: 500 })) {
    if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
  }
}
