import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';

/** How the embedded redis-server persists: `everysec` loses at most a second on a host crash, `always` nothing. */
export type AppendFsync = 'everysec' | 'always';

export interface EmbeddedRedisOptions {
  readonly dataDir: string;
  readonly appendFsync: AppendFsync;
  readonly log?: (line: string) => void;
}

/** A redis-server this process started or adopted, with AOF persistence in a local data folder. */
export interface EmbeddedRedis {
  readonly url: string;
  /** Stops the server if this process started it; an adopted server is left running for its owner. */
  stop(): Promise<void>;
}

const PORT_FILE = 'redis.port';

/** A free TCP port on loopback, for a server about to start. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

async function servesDir(port: number, dir: string): Promise<boolean> {
  const probe = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const [, servedDir] = (await probe.config('GET', 'dir')) as string[];
    return resolve(servedDir) === dir;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * Starts redis-server with AOF on in `dataDir`, or adopts the one already serving that folder (left
 * behind when a previous Switchyard process was killed), so two servers never write one AOF.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  const dir = resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const portFile = join(dir, PORT_FILE);
  if (existsSync(portFile)) {
    const port = Number(readFileSync(portFile, 'utf8').trim());
    if (port > 0 && (await servesDir(port, dir))) {
      options.log?.(`adopted the embedded redis-server already serving ${dir} on port ${port}`);
      const socket = join(dir, 'redis.sock');
      return {
        url: existsSync(socket) ? `unix://${socket}` : `redis://127.0.0.1:${port}`,
        stop: async () => undefined,
      };
    }
  }
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      'redis-server was not found. Install Redis 7 (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis), ' +
        'or set REDIS_URL to use an existing Redis.',
    );
  }
  const port = await freePort();
  // A Unix socket saves the loopback TCP stack on every command; socket paths are limited to ~107 bytes.
  const socket = join(dir, 'redis.sock');
  const useSocket = Buffer.byteLength(socket) < 100;
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      options.appendFsync,
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      // Rewrite (compact) the AOF at 1 GiB rather than every 64 MiB of writes: fewer forks under load.
      '--auto-aof-rewrite-min-size',
      '1gb',
      '--logfile',
      join(dir, 'redis.log'),
      ...(useSocket ? ['--unixsocket', socket, '--unixsocketperm', '700'] : []),
    ],
    { stdio: 'ignore', detached: false },
  );
  const url = useSocket ? `unix://${socket}` : `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null)
      throw new Error(
        `embedded redis-server exited with code ${child.exitCode}; see ${join(dir, 'redis.log')}`,
      );
    if (await servesDir(port, dir)) {
      writeFileSync(portFile, String(port));
      options.log?.(
        `started embedded redis-server (AOF, appendfsync ${options.appendFsync}) in ${dir} on port ${port}${useSocket ? ` and ${socket}` : ''}`,
      );
      return {
        url,
        stop: () =>
          new Promise<void>((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
          }),
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`embedded redis-server did not answer on port ${port}`);
}
