import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  type ReceiveMessageCommandOutput,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { ServerProcess } from './test-support/server-process';
import { freePort } from './test-support/test-server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pid redis-server wrote into the data folder. */
const redisPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'redis.pid'), 'utf8').trim());

describe('the server supervises its embedded redis-server', () => {
  let dataDir: string;
  let server: ServerProcess;
  let sqs: SQSClient;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sy-e2e-embedded-'));
    server = new ServerProcess(await freePort(), undefined, 'sy', {
      SWITCHYARD_DATA_DIR: dataDir,
      // With its Redis gone for good, the drain may wait on it: the deadline ends the process.
      SWITCHYARD_DRAIN_SECONDS: '10',
    });
    await server.start();
    sqs = new SQSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    });
  });
  afterEach(async () => {
    sqs.destroy();
    await server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('restarts a SIGKILLed redis-server on its data folder, and the message sent before is received after', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'survivor' }));
    const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'kept' }));
    // appendfsync everysec: the acknowledged send is on disk within a second.
    await sleep(1_200);
    const killed = redisPid(dataDir);
    process.kill(killed, 'SIGKILL');

    let received: ReceiveMessageCommandOutput | undefined;
    const deadline = Date.now() + 30_000;
    while (!received) {
      try {
        received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`no receive succeeded: ${e}\n${server.output}`);
        await sleep(100);
      }
    }
    expect(received.Messages?.map((m) => [m.MessageId, m.Body])).toEqual([[MessageId, 'kept']]);
    expect(redisPid(dataDir)).not.toBe(killed);
    expect(server.output).toContain(`(pid ${killed}) was killed by SIGKILL; restarting it on ${dataDir}`);
    // The line comes once the restart is complete, which may be just after the receive.
    while (!/restarted the embedded redis-server \(pid \d+\)/.test(server.output)) {
      if (Date.now() > deadline) throw new Error(`no restart logged:\n${server.output}`);
      await sleep(100);
    }
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
  });

  it('reports not-live once the redis-server cannot be brought back', async () => {
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    // A redis-server that cannot read its AOF exits at once, at every restart.
    writeFileSync(join(dataDir, 'appendonlydir', 'appendonly.aof.manifest'), 'not a manifest\n');
    process.kill(redisPid(dataDir), 'SIGKILL');

    let live: Response | undefined;
    const deadline = Date.now() + 60_000;
    while (!live || live.status === 200) {
      if (Date.now() > deadline) throw new Error(`/health/live stayed 200:\n${server.output}`);
      await sleep(250);
      live = await fetch(`${server.url}/health/live`);
    }
    expect(live.status).toBe(503);
    expect(await live.json()).toMatchObject({
      status: 'error',
      error: { 'redis-server': { status: 'down', message: expect.stringContaining('gave up') } },
    });
    expect(server.output).toContain('gave up after 5 restarts in a row');
  }, 90_000);
});
