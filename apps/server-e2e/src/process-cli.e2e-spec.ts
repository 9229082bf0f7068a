import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTS_SETTINGS } from '@switchyard/events';
import { FUNCTIONS_SETTINGS } from '@switchyard/functions';
import { QUEUES_SETTINGS } from '@switchyard/queues';
import { SERVER_SETTINGS } from '@switchyard/server-app';
import { TOPICS_SETTINGS } from '@switchyard/topics';
import { WORKFLOWS_SETTINGS } from '@switchyard/workflows';
import { freePort, testRedisUrl } from './test-support/test-server';

const ROOT = join(__dirname, '..', '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** `node scripts/start.mjs <args>` as `npm start` runs it, with its output and how it ended. */
class StartedApp {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, ['scripts/start.mjs', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        // Should the app start when it ought not to, it runs on a free port and the test Redis.
        PORT: '0',
        SWITCHYARD_TLS_PORT: '0',
        SWITCHYARD_GRPC_PORT: '0',
        HOST: '127.0.0.1',
        REDIS_URL: testRedisUrl(),
        SWITCHYARD_KEY_PREFIX: `cli${randomUUID().slice(0, 8)}`,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += plain(chunk.toString('utf8'))));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += plain(chunk.toString('utf8'))));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  /** How it ended; one still running after `timeoutMs` is stopped, and the test fails on its output. */
  async result(timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const timer = setTimeout(() => this.child.kill('SIGTERM'), timeoutMs);
    const { code } = await this.exited;
    clearTimeout(timer);
    return { code, stdout: this.stdout, stderr: this.stderr };
  }

  /** Waits until `/health/ready` on `port` answers 200. */
  async ready(port: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child.exitCode !== null)
        throw new Error(`exited before it was ready:\n${this.stdout}${this.stderr}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`not ready within ${timeoutMs} ms:\n${this.stdout}${this.stderr}`);
      await sleep(50);
    }
  }
}

describe('the apps as processes', () => {
  it('print a bad setting as one line naming it, with no stack trace, and exit 1', async () => {
    const run = await new StartedApp(['server'], { PORT: 'abc' }).result();
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'PORT must be an integer from 0 to 65535, got "abc"\n',
    });
  });

  // Every app reads the shared settings (the server's first ones) and those of the features it mounts.
  const features = [
    ...QUEUES_SETTINGS,
    ...TOPICS_SETTINGS,
    ...FUNCTIONS_SETTINGS,
    ...WORKFLOWS_SETTINGS,
    ...EVENTS_SETTINGS,
  ];
  const shared = SERVER_SETTINGS.filter((s) => !features.includes(s));
  it.each([
    ['server', '4566', SERVER_SETTINGS],
    ['queue-gateway', '4566', [...shared, ...QUEUES_SETTINGS]],
    ['topic-gateway', '4566', [...shared, ...TOPICS_SETTINGS]],
    [
      'orchestration-gateway',
      '4566',
      [
        ...shared,
        ...QUEUES_SETTINGS,
        ...TOPICS_SETTINGS,
        ...FUNCTIONS_SETTINGS,
        ...WORKFLOWS_SETTINGS,
        ...EVENTS_SETTINGS,
      ],
    ],
    [
      'executor',
      '4567',
      [
        ...shared,
        ...QUEUES_SETTINGS,
        ...TOPICS_SETTINGS,
        ...FUNCTIONS_SETTINGS,
        ...WORKFLOWS_SETTINGS,
        ...EVENTS_SETTINGS,
      ],
    ],
  ])(
    '%s --help prints its usage and every setting with its default, and does not start',
    async (app, port, settings) => {
      const run = await new StartedApp([app, '--help'], { PORT: 'not even read' }).result();
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain(`node scripts/start.mjs ${app} [--help | --version]`);
      expect(run.stdout).toMatch(new RegExp(`^  PORT +default: ${port}$`, 'm'));
      for (const setting of settings) {
        expect(run.stdout).toContain(`  ${setting.name} `);
        expect(run.stdout).toContain(`      ${setting.meaning.replace(/`/g, '')}\n`);
      }
    },
  );

  it('--version prints the version in package.json, for npm start and every app', async () => {
    for (const args of [
      ['--version'],
      ['server', '--version'],
      ['queue-gateway', '--version'],
      ['topic-gateway', '--version'],
      ['orchestration-gateway', '--version'],
      ['executor', '--version'],
    ]) {
      const run = await new StartedApp(args, {}).result();
      expect(run).toEqual({ code: 0, stdout: `switchyard ${VERSION}\n`, stderr: '' });
    }
  });

  it('refuses an argument it does not know with exit code 2', async () => {
    const run = await new StartedApp(['server', '--frobnicate'], {}).result();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown argument --frobnicate');
  });

  it('logs where its data folder is and which Redis it uses, and "stopped" once drained', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sy-cli-'));
    try {
      const port = await freePort();
      const app = new StartedApp(['server'], {
        PORT: String(port),
        REDIS_URL: '',
        SWITCHYARD_DATA_DIR: dataDir,
        SWITCHYARD_FSYNC: 'always',
      });
      await app.ready(port);
      expect(app.stdout).toMatch(
        new RegExp(
          `Redis: embedded redis-server \\(pid \\d+\\), data folder ${dataDir}, AOF appendfsync always`,
        ),
      );
      app.child.kill('SIGTERM');
      const run = await app.result();
      expect(run.code).toBe(0);
      // Logs are JSON lines; the last one says the drain ended.
      expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toMatchObject({
        level: 'info',
        context: 'server',
        msg: 'stopped',
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('logs an external Redis URL with its password masked', async () => {
    const url = new URL(testRedisUrl());
    // The test Redis has no password; Redis accepts the connection all the same, with a warning.
    if (!url.password) url.password = 'not-to-be-logged';
    const password = url.password;
    const port = await freePort();
    const app = new StartedApp(['server'], { PORT: String(port), REDIS_URL: url.toString() });
    await app.ready(port);
    app.child.kill('SIGTERM');
    const run = await app.result();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Redis: ${url.toString().replace(`:${password}@`, ':***@')} (REDIS_URL)`);
    expect(run.stdout + run.stderr).not.toContain(password);
  });
});
