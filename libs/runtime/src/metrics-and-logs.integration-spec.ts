import { randomUUID } from 'node:crypto';
import { Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { AwsRouter, keepLogContexts, Sqs, withLogContext } from '@switchyard/aws-wire';
import { connectRedis, REDIS_CLIENT, type RedisClient } from '@switchyard/redis';
import { CoreModule } from './core.module';
import { JsonLogger } from './json-logger';
import { Metrics, sharedRead } from './metrics';
import { loadRuntimeConfig } from './runtime-config';
import { streamBacklog } from './stream-backlog';

const url = process.env.REDIS_URL;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A JsonLogger writing into an array, each line parsed. */
function capturedLogger(level: 'debug' | 'info' | 'warn' | 'error') {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger(level, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** Registers an SQS-shaped service whose operations log, and one whose operation is a bug. */
@Injectable()
class ProbeService implements OnModuleInit {
  constructor(private readonly router: AwsRouter) {}

  onModuleInit(): void {
    const log = new Logger('Probe');
    this.router.register({
      ...Sqs.SQS_WIRE,
      operations: [
        {
          name: 'GetQueueUrl',
          handle: async () => {
            log.log('looking the queue up');
            await tick();
            log.warn('still looking');
            return { QueueUrl: 'http://example/000000000000/q' };
          },
        },
        {
          name: 'DeleteQueue',
          handle: () => Promise.reject(new Error('a bug')),
        },
      ],
    });
  }
}

@Module({ providers: [ProbeService] })
class ProbeModule {}

describe('JsonLogger', () => {
  it("writes each of Nest's log lines as one JSON object: level, ISO time, context, message", () => {
    const { logger, lines } = capturedLogger('info');
    Logger.overrideLogger(logger);
    new Logger('Orders').log('hello "world"\nsecond line');
    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        context: 'Orders',
        msg: 'hello "world"\nsecond line',
      },
    ]);
  });

  it('writes the lines of its level and the more severe ones only; errors with their stack', () => {
    const { logger, lines } = capturedLogger('warn');
    Logger.overrideLogger(logger);
    const log = new Logger('Levels');
    log.debug('debug');
    log.verbose('verbose');
    log.log('info');
    log.warn('warn');
    const failure = new Error('broken');
    log.error('error', failure.stack);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'warn'],
      ['error', 'error'],
    ]);
    expect(lines[1]).toMatchObject({ context: 'Levels', stack: failure.stack });
    expect(logger.isLevelEnabled('warn')).toBe(true);
    expect(logger.isLevelEnabled('info')).toBe(false);
  });

  it("writes Nest's account of booting (modules loaded, routes mapped) at debug level only", () => {
    const { logger, lines } = capturedLogger('debug');
    Logger.overrideLogger(logger);
    new Logger('InstanceLoader').log('CoreModule dependencies initialized');
    new Logger('queue-gateway').log('listening on 0.0.0.0:4566');
    expect(lines.map((l) => [l.level, l.context])).toEqual([
      ['debug', 'InstanceLoader'],
      ['info', 'queue-gateway'],
    ]);
  });

  it('adds the log context of the work in progress to every line, across awaits, and nothing outside it', async () => {
    const { logger, lines } = capturedLogger('debug');
    Logger.overrideLogger(logger);
    // As runApp keeps them at debug level.
    keepLogContexts(true);
    const log = new Logger('Work');
    await Promise.all([
      withLogContext({ requestId: 'r-1' }, async () => {
        await tick();
        log.log('first');
        await withLogContext({ executionArn: 'arn:x' }, async () => log.debug('nested'));
      }),
      withLogContext({ requestId: 'r-2' }, async () => log.log('second')),
    ]);
    log.log('outside');
    expect(lines.map(({ time: _t, ...rest }) => rest)).toEqual([
      { level: 'info', requestId: 'r-2', context: 'Work', msg: 'second' },
      { level: 'info', requestId: 'r-1', context: 'Work', msg: 'first' },
      { level: 'debug', requestId: 'r-1', executionArn: 'arn:x', context: 'Work', msg: 'nested' },
      { level: 'info', context: 'Work', msg: 'outside' },
    ]);
    keepLogContexts(false);
  });

  it('runs work without its context while contexts are not kept (above debug level)', async () => {
    const { logger, lines } = capturedLogger('info');
    Logger.overrideLogger(logger);
    const log = new Logger('Work');
    await withLogContext({ requestId: 'r-1' }, async () => {
      await tick();
      log.log('inside');
    });
    expect(lines.map(({ time: _t, ...rest }) => rest)).toEqual([
      { level: 'info', context: 'Work', msg: 'inside' },
    ]);
  });
});

describe('Metrics', () => {
  it('answers the same metric for a name, and refuses one of another kind under it', () => {
    const metrics = new Metrics();
    const counter = metrics.counter('switchyard_test_total', 'help', ['a']);
    expect(metrics.counter('switchyard_test_total', 'help', ['a'])).toBe(counter);
    expect(() => metrics.gauge('switchyard_test_total', 'help', ['a'])).toThrow('another kind');
    // Each app has its own registry.
    expect(new Metrics().registry.getSingleMetric('switchyard_test_total')).toBeUndefined();
  });

  it('adds up the backlog readers of each kind of work, and leaves out a kind that cannot be read', async () => {
    const metrics = new Metrics();
    metrics.backlog('jobs', async () => 2);
    metrics.backlog('jobs', async () => 3);
    metrics.backlog('workflow-steps', async () => 0);
    metrics.backlog('event-routing', () => Promise.reject(new Error('Redis is out of reach')));
    const text = await metrics.exposition();
    expect(text).toContain('switchyard_executor_backlog{work="jobs"} 5\n');
    expect(text).toContain('switchyard_executor_backlog{work="workflow-steps"} 0\n');
    expect(text).not.toContain('work="event-routing"');
    // The process metrics come with the app's.
    expect(text).toContain('# TYPE switchyard_process_cpu_user_seconds_total counter');
  });

  it('shares one read between the callers that ask while it runs', async () => {
    let reads = 0;
    const read = sharedRead(async () => {
      reads++;
      await tick();
      return reads;
    });
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    expect(await read()).toBe(2);
  });
});

describe('requests through the router, against Redis', () => {
  let module: TestingModule;
  let router: AwsRouter;
  let metrics: Metrics;
  let lines: Record<string, unknown>[];

  beforeAll(async () => {
    if (!url) throw new Error('REDIS_URL is not set: run with `npm test`');
    const config = loadRuntimeConfig({
      REDIS_URL: url,
      SWITCHYARD_KEY_PREFIX: `t${randomUUID().slice(0, 8)}`,
      SWITCHYARD_LOG_LEVEL: 'debug',
    });
    module = await Test.createTestingModule({
      imports: [CoreModule.forRoot({ ...config, redisUrl: url }), ProbeModule],
    }).compile();
    await module.init();
    router = module.get(AwsRouter);
    // Connected now: a connection still opening when the module closes holds the test run open.
    await module.get<RedisClient>(REDIS_CLIENT).ping();
    metrics = module.get(Metrics);
    const captured = capturedLogger('debug');
    lines = captured.lines;
    Logger.overrideLogger(captured.logger);
    keepLogContexts(true);
  });
  afterAll(() => {
    keepLogContexts(false);
    return module?.close();
  });

  const request = (operation: string) =>
    router.handle({
      method: 'POST',
      path: '/',
      rawQuery: '',
      headers: { 'x-amz-target': `AmazonSQS.${operation}`, 'content-type': 'application/x-amz-json-1.0' },
      body: Buffer.from(JSON.stringify({ QueueName: 'q', QueueUrl: 'http://example/000000000000/q' })),
    });

  it('carries the request id on every line logged while answering, and logs each answer at debug level', async () => {
    const answer = await request('GetQueueUrl');
    expect(answer.status).toBe(200);
    const requestId = answer.headers['x-amzn-requestid'];
    expect(lines.map(({ time: _t, ...rest }) => rest)).toEqual([
      { level: 'info', requestId, context: 'Probe', msg: 'looking the queue up' },
      { level: 'warn', requestId, context: 'Probe', msg: 'still looking' },
      {
        level: 'debug',
        requestId,
        context: 'AwsRouter',
        msg: expect.stringMatching(/^SQS\.GetQueueUrl 200 in \d+\.\d ms$/),
      },
    ]);
  });

  it('logs a bug answered with InternalFailure at error level, with its stack and request id', async () => {
    lines.length = 0;
    const answer = await request('DeleteQueue');
    expect(answer.status).toBe(500);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        requestId: answer.headers['x-amzn-requestid'],
        context: 'AwsRouter',
        msg: expect.stringMatching(/^SQS\.DeleteQueue failed: Error: a bug\n\s+at /),
      }),
    ]);
  });

  it('counts and times the requests per service, operation and status class; made-up operations as unknown', async () => {
    await request('Frobnicate');
    const text = await metrics.exposition();
    expect(text).toContain(
      'switchyard_requests_total{service="SQS",operation="GetQueueUrl",status="2xx"} 1\n',
    );
    expect(text).toContain(
      'switchyard_requests_total{service="SQS",operation="DeleteQueue",status="5xx"} 1\n',
    );
    expect(text).toContain('switchyard_requests_total{service="SQS",operation="unknown",status="4xx"} 1\n');
    expect(text).toContain(
      'switchyard_request_duration_seconds_count{service="SQS",operation="GetQueueUrl"} 1\n',
    );
    expect(text).not.toContain('Frobnicate');
  });

  it('names the request id on its InternalFailure line at any level, contexts kept or not', async () => {
    // Above debug level, as runApp runs by default (the last test here: afterAll resets the rest).
    const captured = capturedLogger('info');
    Logger.overrideLogger(captured.logger);
    keepLogContexts(false);
    const answer = await request('DeleteQueue');
    expect(captured.lines).toEqual([
      expect.objectContaining({
        level: 'error',
        requestId: answer.headers['x-amzn-requestid'],
        msg: expect.stringMatching(/^SQS\.DeleteQueue failed: Error: a bug\n\s+at /),
      }),
    ]);
  });
});

describe('streamBacklog, against Redis', () => {
  let redis: RedisClient;
  const stream = `t${randomUUID().slice(0, 8)}:stream`;

  beforeAll(() => {
    if (!url) throw new Error('REDIS_URL is not set: run with `npm test`');
    redis = connectRedis(url);
  });
  afterAll(async () => {
    await redis.del(stream);
    await redis.quit();
  });

  it("counts the entries a group has not read and those it has not acknowledged; a stream's length without a group", async () => {
    expect(await streamBacklog(redis, stream, 'workers')).toBe(0);
    for (let i = 0; i < 5; i++) await redis.xadd(stream, '*', 'n', String(i));
    expect(await streamBacklog(redis, stream, 'workers')).toBe(5);
    await redis.xgroup('CREATE', stream, 'workers', '0');
    const read = (await redis.xreadgroup('GROUP', 'workers', 'c1', 'COUNT', 2, 'STREAMS', stream, '>')) as [
      string,
      [string, string[]][],
    ][];
    await redis.xack(stream, 'workers', read[0][1][0][0]);
    // Three unread, one read and not acknowledged.
    expect(await streamBacklog(redis, stream, 'workers')).toBe(4);
    // Deleting unread entries leaves Redis unable to tell the lag: they are counted instead.
    const [last] = await redis.xrevrange(stream, '+', '-', 'COUNT', 1);
    await redis.xdel(stream, last[0]);
    expect(await streamBacklog(redis, stream, 'workers')).toBe(3);
  });
});
