import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SendMessageCommandOutput,
  SQSClient,
} from '@aws-sdk/client-sqs';
import Redis from 'ioredis';
import { freePort, startTestServer, type TestServer } from './test-support/test-server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A redis-server of this test's own on a free port, with AOF, that the test stops and starts again. */
class PrivateRedis {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'sy-outage-'));

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
      const probe = new Redis({ port: this.port, lazyConnect: true, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${this.port}`);
        await sleep(50);
      } finally {
        probe.disconnect();
      }
    }
  }

  /** Stops the server (it writes its AOF as it goes) and resolves once it has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('while Redis is out of reach', () => {
  let redis: PrivateRedis;
  let server: TestServer;
  let sqs: SQSClient;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    server = await startTestServer({ REDIS_URL: redis.url });
    sqs = new SQSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
      // A generous bound, so that a request that hangs (as with ioredis's defaults) fails this test
      // rather than passing slowly.
      requestHandler: { requestTimeout: 10_000 },
    });
  });
  afterAll(async () => {
    sqs?.destroy();
    await server?.close();
    await redis?.remove();
  });

  it('answers ServiceUnavailable (503, retryable) and reports not-ready, then serves again once Redis is back', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'outage' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'before' }));
    await redis.stop();

    await expect(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'during' }))).rejects.toMatchObject(
      {
        name: 'ServiceUnavailable',
        $fault: 'server',
        $metadata: { httpStatusCode: 503 },
      },
    );
    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }))).rejects.toMatchObject(
      {
        name: 'ServiceUnavailable',
      },
    );

    const json = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' },
      body: '{}',
    });
    expect(json.status).toBe(503);
    expect(json.headers.get('x-amzn-query-error')).toBe('ServiceUnavailable;Receiver');
    expect(((await json.json()) as { __type: string }).__type).toMatch(/(^|#)ServiceUnavailable$/);

    const query = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    });
    expect(query.status).toBe(503);
    const xml = await query.text();
    expect(xml).toContain('<Type>Receiver</Type>');
    expect(xml).toContain('<Code>ServiceUnavailable</Code>');

    expect((await fetch(`${server.url}/health/ready`)).status).toBe(503);
    // Restarting the process would not bring an external Redis back.
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);

    await redis.start();
    let sent: SendMessageCommandOutput | undefined;
    const deadline = Date.now() + 20_000;
    while (!sent) {
      try {
        sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'after' }));
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await sleep(100);
      }
    }
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(got.Messages?.map((m) => m.Body).sort()).toEqual(['after', 'before']);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
  }, 60_000);
});
