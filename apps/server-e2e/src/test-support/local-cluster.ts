import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from '@switchyard/redis';

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Three cluster-enabled redis-servers on free loopback ports, joined into one Cluster with no replicas. */
export class LocalCluster {
  readonly ports: number[] = [];
  private readonly children: ChildProcess[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'switchyard-cluster-'));

  private spawnError?: Error;

  get url(): string {
    return `redis+cluster://${this.ports.map((p) => `127.0.0.1:${p}`).join(',')}`;
  }

  async start(): Promise<void> {
    const taken = new Set<number>();
    const distinctPort = async () => {
      for (;;) {
        const port = await freePort();
        if (taken.has(port)) continue;
        taken.add(port);
        return port;
      }
    };
    for (let i = 0; i < 3; i++) {
      const port = await distinctPort();
      // An explicit bus port: ephemeral ports are too high for Redis's default of port + 10000.
      const busPort = await distinctPort();
      this.ports.push(port);
      const child = spawn(
        'redis-server',
        [
          '--cluster-enabled',
          'yes',
          '--port',
          String(port),
          '--cluster-port',
          String(busPort),
          '--bind',
          '127.0.0.1',
          '--cluster-config-file',
          join(this.dir, `nodes-${port}.conf`),
          '--dir',
          this.dir,
          '--save',
          '',
          '--appendonly',
          'no',
          '--maxmemory-policy',
          'noeviction',
        ],
        { stdio: 'ignore' },
      );
      child.once('error', (error) => {
        this.spawnError = error;
      });
      this.children.push(child);
    }
    for (const port of this.ports) await this.waitFor(port, async (r) => (await r.ping()) === 'PONG');
    await run('redis-cli', [
      '--cluster',
      'create',
      ...this.ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    for (const port of this.ports) {
      await this.waitFor(port, async (r) =>
        String(await r.call('CLUSTER', 'INFO')).includes('cluster_state:ok'),
      );
    }
  }

  /** A plain connection to one node, for CLUSTER and SCAN commands. */
  node(port: number): Redis {
    return new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, lazyConnect: false });
  }

  private async waitFor(port: number, ready: (r: Redis) => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (this.spawnError)
        throw new Error(`redis-server could not be started (install Redis 7): ${this.spawnError.message}`);
      const r = new Redis({
        port,
        host: '127.0.0.1',
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      r.on('error', () => undefined);
      try {
        await r.connect();
        if (await ready(r)) return;
      } catch {
        // not up yet
      } finally {
        r.disconnect();
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`redis-server on port ${port} was not ready in time`);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}
