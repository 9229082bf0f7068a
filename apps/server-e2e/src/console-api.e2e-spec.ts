import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { CreateStateMachineCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import {
  CreateTopicCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { ConsoleModule, signSessionToken } from '@switchyard/console-api';
import { freePort } from '@switchyard/redis';
import { CoreModule, runApp, type RunningApp } from '@switchyard/runtime';
import { loadServerConfig } from '@switchyard/server-app';
import { startTestServer, testRedisUrl, type TestServer, useTestServer } from './test-support/test-server';

const ACCOUNT = '000000000000';

/** GET (or another method) on the console's API; answers the status, the JSON body and the headers. */
async function call(
  base: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${base}/_console/api/${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A request with the path sent as written (fetch would resolve `..`). */
function raw(base: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function until<T>(check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('console API (SigV4 not enforced)', () => {
  const env = useTestServer({ SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS: '0' });
  const { sqs, sns, sfn } = env;
  const base = () => env.server.url;

  it('answers the session as signed in, with the account and region', async () => {
    const r = await call(base(), 'session');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ authenticated: true, sigv4: false, region: 'us-east-1', accountId: ACCOUNT });
  });

  it('lists queues with the counters GetQueueAttributes answers', async () => {
    const url = await env.queue('console-counts');
    await env.queue('console-counts-b.fifo', { FifoQueue: 'true' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'a' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'b' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'c', DelaySeconds: 60 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 60 }));
    const r = await call(base(), 'queues');
    expect(r.status).toBe(200);
    const names = r.body.queues.map((q: { name: string }) => q.name);
    expect(names).toEqual([...names].sort());
    const queue = r.body.queues.find((q: { name: string }) => q.name === 'console-counts');
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    expect(queue).toEqual({
      name: 'console-counts',
      url,
      arn: Attributes!.QueueArn,
      fifo: false,
      visible: Number(Attributes!.ApproximateNumberOfMessages),
      inFlight: Number(Attributes!.ApproximateNumberOfMessagesNotVisible),
      delayed: Number(Attributes!.ApproximateNumberOfMessagesDelayed),
      oldestAgeSeconds: expect.any(Number),
    });
    expect([queue.visible, queue.inFlight, queue.delayed]).toEqual([1, 1, 1]);
    expect(r.body.queues.find((q: { name: string }) => q.name === 'console-counts-b.fifo')).toMatchObject({
      fifo: true,
      visible: 0,
    });
  });

  it('peeks at messages in their three states without receiving them', async () => {
    const url = await env.queue('console-peek');
    const flight = await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'in flight',
        MessageAttributes: { colour: { DataType: 'String', StringValue: 'blue' } },
      }),
    );
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, VisibilityTimeout: 60 }));
    const visible = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'ready "quoted"' }));
    const delayed = await sqs.send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 60 }),
    );
    const r = await call(base(), 'queues/console-peek/messages');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ scanned: 3, truncated: false });
    expect(r.body.messages.map((m: { messageId: string; state: string }) => [m.messageId, m.state])).toEqual([
      [flight.MessageId, 'inFlight'],
      [visible.MessageId, 'visible'],
      [delayed.MessageId, 'delayed'],
    ]);
    expect(r.body.messages[0]).toEqual({
      messageId: flight.MessageId,
      body: 'in flight',
      state: 'inFlight',
      receiveCount: 1,
      sentTimestamp: expect.any(Number),
      attributes: {
        SenderId: expect.any(String),
        SentTimestamp: String(r.body.messages[0].sentTimestamp),
        ApproximateReceiveCount: '1',
        ApproximateFirstReceiveTimestamp: expect.any(String),
      },
      messageAttributes: { colour: { DataType: 'String', StringValue: 'blue' } },
    });
    expect(r.body.messages[1].attributes.ApproximateFirstReceiveTimestamp).toBeUndefined();
    expect(r.body.messages[1].receiveCount).toBe(0);

    // Nothing changed: the visible message is still receivable, and its first receive counts 1.
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['All'] }),
    );
    expect(Messages?.map((m) => [m.MessageId, m.Attributes?.ApproximateReceiveCount])).toEqual([
      [visible.MessageId, '1'],
    ]);
  });

  it('searches messages by id and by body text (case-sensitive), and bounds the answer', async () => {
    const url = await env.queue('console-search');
    const ids: string[] = [];
    for (const body of ['order 1 shipped', 'order 2 "pending"', 'Order 3 shipped', 'x\ty'])
      ids.push((await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }))).MessageId!);
    const bodies = async (query: string) =>
      (await call(base(), `queues/console-search/messages?${query}`)).body.messages.map(
        (m: { body: string }) => m.body,
      );
    expect(await bodies(`search=${ids[2]}`)).toEqual(['Order 3 shipped']);
    expect(await bodies('search=shipped')).toEqual(['order 1 shipped', 'Order 3 shipped']);
    expect(await bodies('search=order')).toEqual(['order 1 shipped', 'order 2 "pending"']);
    expect(await bodies(`search=${encodeURIComponent('"pending"')}`)).toEqual(['order 2 "pending"']);
    expect(await bodies(`search=${encodeURIComponent('\t')}`)).toEqual(['x\ty']);
    // The body is matched, not its JSON text (where the tab is written `\t`).
    expect(await bodies('search=t')).toEqual([]);
    const limited = await call(base(), 'queues/console-search/messages?limit=2');
    expect(limited.body).toMatchObject({ scanned: 2, truncated: true });
    expect(limited.body.messages).toHaveLength(2);
  });

  it('peeks at FIFO and fair queues, showing groups and de-duplication ids', async () => {
    const fifo = await env.queue('console-peek.fifo', { FifoQueue: 'true' });
    for (const [body, group] of [
      ['f1', 'g1'],
      ['f2', 'g1'],
      ['f3', 'g2'],
    ])
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: fifo,
          MessageBody: body,
          MessageGroupId: group,
          MessageDeduplicationId: `d-${body}`,
        }),
      );
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: fifo, VisibilityTimeout: 60 }));
    const f = await call(base(), 'queues/console-peek.fifo/messages');
    expect(
      f.body.messages.map((m: any) => [m.body, m.state, m.groupId, m.deduplicationId, m.receiveCount]),
    ).toEqual([
      ['f1', 'inFlight', 'g1', 'd-f1', 1],
      ['f2', 'visible', 'g1', 'd-f2', 0],
      ['f3', 'visible', 'g2', 'd-f3', 0],
    ]);
    expect(f.body.messages[0].attributes).toMatchObject({
      MessageGroupId: 'g1',
      MessageDeduplicationId: 'd-f1',
      SequenceNumber: expect.stringMatching(/^\d{20}$/),
    });
    const fair = await env.queue('console-peek-fair');
    await sqs.send(new SendMessageCommand({ QueueUrl: fair, MessageBody: 'p1', MessageGroupId: 'tenant-a' }));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: fair,
        MessageBody: 'p2',
        MessageGroupId: 'tenant-b',
        DelaySeconds: 60,
      }),
    );
    const p = await call(base(), 'queues/console-peek-fair/messages');
    expect(p.body.messages.map((m: any) => [m.body, m.state, m.groupId])).toEqual([
      ['p1', 'visible', 'tenant-a'],
      ['p2', 'delayed', 'tenant-b'],
    ]);
  });

  it('never moves a message to the dead-letter queue by looking at it', async () => {
    const dlq = await env.queue('console-peek-dlq');
    const url = await env.queue('console-peek-redrive', {
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:console-peek-dlq`,
        maxReceiveCount: '1',
      }),
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'keep me' }));
    for (let i = 0; i < 5; i++) {
      const r = await call(base(), 'queues/console-peek-redrive/messages');
      expect(r.body.messages).toHaveLength(1);
      expect(r.body.messages[0].receiveCount).toBe(0);
    }
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    expect(Messages?.[0]).toMatchObject({ Body: 'keep me', Attributes: { ApproximateReceiveCount: '1' } });
    expect((await call(base(), 'queues/console-peek-dlq/messages')).body.messages).toEqual([]);
    expect(dlq).toContain('console-peek-dlq');
  });

  it('answers 404 for a queue that does not exist and 400 for bad parameters', async () => {
    expect(await call(base(), 'queues/no-such-queue/messages')).toMatchObject({
      status: 404,
      body: { message: expect.stringContaining('no-such-queue') },
    });
    await env.queue('console-params');
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'search=a&search=b'])
      expect(await call(base(), `queues/console-params/messages?${query}`)).toMatchObject({
        status: 400,
        body: { message: expect.any(String) },
      });
    expect((await call(base(), 'queues/bad%20name/messages')).status).toBe(400);
    expect((await call(base(), 'nothing-here')).status).toBe(404);
    expect((await call(base(), 'express-executions/history')).status).toBe(400);
    expect((await call(base(), 'topics/no-such-topic/delivery-stats')).status).toBe(404);
  });

  describe('delivery failures per subscription', () => {
    let hook: Server;
    let hookUrl: string;
    beforeAll(async () => {
      // Confirms subscriptions by visiting SubscribeURL; refuses every notification with a 400.
      hook = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          if (req.headers['x-amz-sns-message-type'] === 'SubscriptionConfirmation') {
            void fetch(JSON.parse(Buffer.concat(chunks).toString()).SubscribeURL);
            res.writeHead(200).end();
          } else res.writeHead(req.headers['x-amz-sns-message-type'] === 'Notification' ? 400 : 200).end();
        });
      });
      await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
      hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    });
    afterAll(() => new Promise<void>((resolve) => hook.close(() => resolve())));

    it('counts notifications that failed for good, and those sent to the dead-letter queue', async () => {
      await env.queue('console-sub-dlq');
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'console-failing' }));
      const subscribe = async (path: string) =>
        (
          await sns.send(
            new SubscribeCommand({
              TopicArn,
              Protocol: 'http',
              Endpoint: `${hookUrl}/${path}`,
              ReturnSubscriptionArn: true,
            }),
          )
        ).SubscriptionArn!;
      const withDlq = await subscribe('with-dlq');
      const dropped = await subscribe('dropped');
      await sns.send(
        new SetSubscriptionAttributesCommand({
          SubscriptionArn: withDlq,
          AttributeName: 'RedrivePolicy',
          AttributeValue: JSON.stringify({
            deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:console-sub-dlq`,
          }),
        }),
      );
      for (const SubscriptionArn of [withDlq, dropped])
        await sns.send(
          new SetSubscriptionAttributesCommand({
            SubscriptionArn,
            AttributeName: 'DeliveryPolicy',
            AttributeValue: JSON.stringify({
              healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 0 },
            }),
          }),
        );
      // Both confirmed (the hook visits SubscribeURL).
      await until(async () => {
        const r = await call(base(), 'topics/console-failing/delivery-stats');
        return Object.keys(r.body.subscriptions).length === 2 ? r : undefined;
      });
      await sns.send(new PublishCommand({ TopicArn, Message: 'one' }));
      await sns.send(new PublishCommand({ TopicArn, Message: 'two' }));
      const stats = await until(async () => {
        const r = await call(base(), 'topics/console-failing/delivery-stats');
        const s = r.body.subscriptions;
        return s[withDlq]?.failed === 2 && s[dropped]?.failed === 2 ? s : undefined;
      });
      expect(stats).toEqual({
        [withDlq]: { failed: 2, deadLettered: 2 },
        [dropped]: { failed: 2, deadLettered: 0 },
      });
      const dlq = await call(base(), 'queues/console-sub-dlq/messages');
      expect(dlq.body.messages).toHaveLength(2);

      // Unsubscribing forgets the subscription's counters.
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: dropped }));
      expect((await call(base(), 'topics/console-failing/delivery-stats')).body).toEqual({
        subscriptions: { [withDlq]: { failed: 2, deadLettered: 2 } },
      });
    });
  });

  it('lists Express executions StartSyncExecution ran, with their histories', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'console-express',
        type: 'EXPRESS',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
        definition: JSON.stringify({
          StartAt: 'Hello',
          States: { Hello: { Type: 'Pass', Result: { hello: 'world' }, End: true } },
        }),
      }),
    );
    const run = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn, name: 'console-run', input: '{"a":1}' }),
    );
    const failing = await sfn.send(
      new CreateStateMachineCommand({
        name: 'console-express-fail',
        type: 'EXPRESS',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
        definition: JSON.stringify({
          StartAt: 'Boom',
          States: { Boom: { Type: 'Fail', Error: 'Broken', Cause: 'on purpose' } },
        }),
      }),
    );
    await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: failing.stateMachineArn }));

    // Runs are written to the buffer within 50 ms of their end.
    const all = await until(async () => {
      const r = await call(base(), 'express-executions');
      return r.body.executions.length >= 2 ? r : undefined;
    });
    expect(all.body.executions.map((e: { status: string }) => e.status).slice(0, 2)).toEqual([
      'FAILED',
      'SUCCEEDED',
    ]);
    expect(all.body.executions[0]).toMatchObject({ error: 'Broken', cause: 'on purpose' });
    const mine = await call(
      base(),
      `express-executions?stateMachineArn=${encodeURIComponent(stateMachineArn!)}&limit=5`,
    );
    expect(mine.body.executions).toEqual([
      {
        executionArn: run.executionArn,
        stateMachineArn,
        name: 'console-run',
        status: 'SUCCEEDED',
        startDate: run.startDate!.getTime() / 1000,
        stopDate: run.stopDate!.getTime() / 1000,
        input: '{"a":1}',
        output: '{"hello":"world"}',
      },
    ]);
    const history = await call(
      base(),
      `express-executions/history?executionArn=${encodeURIComponent(run.executionArn!)}`,
    );
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(history.body.events[0]).toEqual({
      id: 1,
      previousEventId: 0,
      timestamp: run.startDate!.getTime() / 1000,
      type: 'ExecutionStarted',
      executionStartedEventDetails: expect.objectContaining({
        input: '{"a":1}',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
      }),
    });
    expect(history.body.events[3].executionSucceededEventDetails).toMatchObject({
      output: '{"hello":"world"}',
    });
    expect(
      (
        await call(
          base(),
          `express-executions/history?executionArn=${encodeURIComponent(`${run.executionArn}x`)}`,
        )
      ).status,
    ).toBe(404);
  });
});

describe('console session (SigV4 enforced)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SWITCHYARD_CREDENTIALS: 'AKIDCONSOLE:console-secret,AKIDOTHER:other' });
  });
  afterAll(() => server.close());

  const login = (accessKeyId: string, secretAccessKey: string) =>
    call(server.url, 'session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessKeyId, secretAccessKey }),
    });

  it('refuses the console endpoints without a session', async () => {
    for (const path of ['queues', 'queues/q/messages', 'topics/t/delivery-stats', 'express-executions'])
      expect(await call(server.url, path)).toMatchObject({
        status: 401,
        body: { message: expect.any(String) },
      });
    expect((await call(server.url, 'session')).body).toEqual({
      authenticated: false,
      sigv4: true,
      region: 'us-east-1',
      accountId: ACCOUNT,
    });
  });

  it('refuses a wrong secret, an unknown key and a malformed login', async () => {
    expect(await login('AKIDCONSOLE', 'wrong')).toMatchObject({
      status: 401,
      body: { message: expect.any(String) },
    });
    expect((await login('AKIDNOBODY', 'console-secret')).status).toBe(401);
    expect((await login('AKIDCONSOLE', 'other')).status).toBe(401);
    const notJson = await call(server.url, 'session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(notJson).toMatchObject({ status: 400, body: { message: expect.any(String) } });
    expect((await call(server.url, 'session', { method: 'POST' })).status).toBe(400);
  });

  it('opens a session with a configured pair, and closes it', async () => {
    const r = await login('AKIDCONSOLE', 'console-secret');
    expect(r.status).toBe(204);
    const setCookie = r.headers.get('set-cookie')!;
    expect(setCookie).toMatch(
      /^sy_console=AKIDCONSOLE\.\d+\.[\w-]+; HttpOnly; SameSite=Strict; Path=\/_console; Max-Age=43200$/,
    );
    const cookie = setCookie.split(';')[0];
    const authed = await call(server.url, 'queues', { headers: { cookie } });
    expect(authed).toMatchObject({ status: 200, body: { queues: expect.any(Array) } });
    expect((await call(server.url, 'session', { headers: { cookie } })).body).toEqual({
      authenticated: true,
      sigv4: true,
      accessKeyId: 'AKIDCONSOLE',
      region: 'us-east-1',
      accountId: ACCOUNT,
    });
    const out = await call(server.url, 'session', { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('sy_console=;');
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
  });

  it('refuses forged and expired tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      signSessionToken('AKIDCONSOLE', 'guessed', now + 3600),
      signSessionToken('AKIDCONSOLE', 'console-secret', now - 1),
      signSessionToken('AKIDNOBODY', 'console-secret', now + 3600),
      'AKIDCONSOLE.99999999999.abc',
    ];
    for (const token of tokens)
      expect((await call(server.url, 'queues', { headers: { cookie: `sy_console=${token}` } })).status).toBe(
        401,
      );
    const good = signSessionToken('AKIDCONSOLE', 'console-secret', now + 3600);
    expect((await call(server.url, 'queues', { headers: { cookie: `sy_console=${good}` } })).status).toBe(
      200,
    );
  });
});

@Module({})
class StaticOnlyModule {}

describe('console files', () => {
  let dir: string;
  let app: RunningApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'app-1a2b.css'), 'body{}');
    const port = await freePort();
    const config = loadServerConfig({
      PORT: String(port),
      SWITCHYARD_TLS_PORT: String(await freePort()),
      SWITCHYARD_GRPC_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      REDIS_URL: testRedisUrl(),
      SWITCHYARD_KEY_PREFIX: `tconsole${port}`,
    });
    app = await runApp({
      name: 'console-files',
      config,
      module: (c): DynamicModule => ({
        module: StaticOnlyModule,
        imports: [CoreModule.forRoot(c, { serves: [] }), ConsoleModule.forRoot(c, { staticDir: dir })],
      }),
      logger: ['error'],
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('redirects /_console to /_console/ and serves index.html there, uncached', async () => {
    const redirect = await fetch(`${app.url}/_console`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/_console/');
    const index = await fetch(`${app.url}/_console/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<title>console</title>');
    const fallback = await fetch(`${app.url}/_console/queues/some-queue`);
    expect(fallback.status).toBe(200);
    expect(await fallback.text()).toContain('<title>console</title>');
  });

  it('serves assets with their content types, cached for long', async () => {
    const js = await fetch(`${app.url}/_console/assets/app-1a2b.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('max-age=31536000');
    expect(await js.text()).toBe('console.log(1)');
    const css = await fetch(`${app.url}/_console/assets/app-1a2b.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${app.url}/_console/assets/missing.js`)).status).toBe(404);
  });

  it('refuses paths that leave the folder', async () => {
    for (const path of [
      '/_console/../package.json',
      '/_console/assets/../../package.json',
      '/_console/%2e%2e/package.json',
      '/_console/..%2f..%2fpackage.json',
    ]) {
      const r = await raw(app.url, path);
      expect(r.status).toBe(400);
      expect(r.body).not.toContain('"name"');
    }
  });

  it('answers 503 with what to run when the console is not built', async () => {
    unlinkSync(join(dir, 'index.html'));
    const r = await fetch(`${app.url}/_console/`);
    expect(r.status).toBe(503);
    expect(await r.text()).toContain('npm run build:console');
  });

  it('leaves the AWS API and health where they were', async () => {
    expect((await fetch(`${app.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${app.url}/_consolex`)).status).toBe(404);
  });
});
