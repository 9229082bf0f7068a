import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { freePort, testRedisUrl } from './test-server';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * apps/server (or another app: `queue-gateway`, `topic-gateway`, `executor`) running as its own OS
 * process, so a test can SIGKILL it; without a `redisUrl` it runs its embedded Redis (give it a
 * SWITCHYARD_DATA_DIR in `extraEnv`).
 */
export class ServerProcess {
  private child?: ChildProcess;
  private log = '';
  /** The gRPC port of the running process (a free one, chosen at each start). */
  grpcPort?: number;

  constructor(
    readonly port: number,
    readonly redisUrl: string | undefined,
    readonly keyPrefix: string,
    private readonly extraEnv: Record<string, string> = {},
    readonly app = 'server',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The last few kilobytes the process wrote, for failure messages. */
  get output(): string {
    return this.log.slice(-8000);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the server and resolves once `/health/ready` answers 200. */
  async start(timeoutMs = 30_000): Promise<void> {
    if (this.child) throw new Error('server process already running');
    const tlsPort = await freePort();
    this.grpcPort = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${this.app}/src/main.ts`], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'test',
        PORT: String(this.port),
        SWITCHYARD_TLS_PORT: String(tlsPort),
        SWITCHYARD_GRPC_PORT: String(this.grpcPort),
        HOST: '127.0.0.1',
        SWITCHYARD_PUBLIC_URL: this.url,
        ...(this.redisUrl ? { REDIS_URL: this.redisUrl } : {}),
        SWITCHYARD_KEY_PREFIX: this.keyPrefix,
        ...this.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const append = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString('utf8')).slice(-64_000);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    let exited: string | undefined;
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
    });

    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`server process ${exited} before it was ready:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/health/ready`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.kill('SIGKILL');
    throw new Error(`server process was not ready within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Sends a signal to this process only and resolves once it has exited. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}

/**
 * Runs apps/server as a child process (on the test Redis, its own key prefix) for the enclosing
 * describe block; `sqs` is a client of it that survives the server's restarts.
 */
export function useServerProcess() {
  let started: { server: ServerProcess; client: SQSClient } | undefined;
  beforeAll(async () => {
    const server = new ServerProcess(await freePort(), testRedisUrl(), `t${randomUUID().slice(0, 8)}`);
    await server.start();
    const client = new SQSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    });
    started = { server, client };
  });
  afterAll(async () => {
    started?.client.destroy();
    await started?.server.kill('SIGTERM');
  });
  const current = () => {
    if (!started) throw new Error('the server process starts in beforeAll');
    return started;
  };
  return {
    get server(): ServerProcess {
      return current().server;
    },
    sqs: { send: ((command: never) => current().client.send(command)) as SQSClient['send'] },
  };
}
