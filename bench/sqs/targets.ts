// The SQS endpoints the bench compares, each started as a child process so that the load generator
// never shares an event loop with the server it measures.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@switchyard/redis';

export type TargetName = 'null' | 'fauxqs' | 'switchyard' | 'switchyard-tcp';
export const TARGET_NAMES: readonly TargetName[] = ['null', 'fauxqs', 'switchyard', 'switchyard-tcp'];

export const TARGET_DESCRIPTIONS: Record<TargetName, string> = {
  null: 'do-nothing SQS endpoint (node:http, valid responses with correct MD5s, stores nothing)',
  fauxqs: 'fauxqs (npm in-memory SQS emulator)',
  switchyard: 'Switchyard apps/server (its embedded redis-server over a Unix socket, or REDIS_URL)',
  'switchyard-tcp':
    'Switchyard apps/server on a redis-server over loopback TCP that the bench starts (same AOF settings as the embedded one)',
};

export interface TargetOptions {
  readonly root: string;
  /** Where the children's logs go. */
  readonly workDir: string;
  /** Extra node flags for the Switchyard child, e.g. --cpu-prof. */
  readonly serverNodeFlags: readonly string[];
  /** An external Redis for Switchyard; unset starts its own embedded durable redis-server. */
  readonly redisUrl?: string;
  readonly keyPrefix: string;
  readonly fsync?: string;
}

export interface RunningTarget {
  readonly name: string;
  readonly endpoint: string;
  /** The server process; its CPU (with its descendants') is the target's. */
  readonly pid: number;
  /** Every process whose tree's CPU counts for the target: the server, and a Redis it does not own. */
  readonly cpuPids: readonly number[];
  /** Facts about how the target runs, reported with every result line. */
  readonly info: Record<string, unknown>;
  readonly logFile: string;
  /** The Redis the target keeps its data in, when the bench started it. */
  readonly redisUrl?: string;
  /** Each app process of a target run as several (startSwitchyardApps), in the order named. */
  readonly processes?: readonly { readonly app: string; readonly endpoint: string; readonly pid: number }[];
  /** The pid of the Redis the bench started for the target, if it did. */
  readonly redisPid?: number;
  /** Why the child exited, if it did before stop() was called. */
  unexpectedExit(): string | undefined;
  stop(): Promise<void>;
}

/** Tracks a child that exits on its own, and stops it on request. */
function lifecycle(child: ChildProcess, graceMs: number, after?: () => Promise<void> | void) {
  let stopping = false;
  let early: string | undefined;
  child.once('exit', (code, signal) => {
    if (!stopping) early = `exited on its own (code ${code}, signal ${signal})`;
  });
  return {
    unexpectedExit: () => early,
    stop: async () => {
      stopping = true;
      await stopChild(child, graceMs);
      await after?.();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function logTail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const done = await Promise.race([exited(child).then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) {
    child.kill('SIGKILL');
    await exited(child);
  }
}

/** Spawns node with stderr (and stdout unless it is piped to announce a port) going to logFile. */
function spawnLogged(
  root: string,
  logFile: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  pipeStdout: boolean,
): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    return spawn(process.execPath, ['-r', join(root, 'bench/sqs/exit-with-parent.cjs'), ...args], {
      cwd: root,
      env,
      stdio: ['ignore', pipeStdout ? 'pipe' : fd, fd, 'ipc'],
    });
  } finally {
    closeSync(fd);
  }
}

/** Waits for the child's first stdout line, a JSON object carrying the port it listens on. */
function readPort(child: ChildProcess, logFile: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let announced = false;
    const timer = setTimeout(
      () => reject(new Error(`no port announced within ${timeoutMs} ms\n${logTail(logFile)}`)),
      timeoutMs,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      if (announced) return;
      buffered += chunk.toString('utf8');
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      announced = true;
      clearTimeout(timer);
      try {
        resolve(Number(JSON.parse(buffered.slice(0, nl)).port));
      } catch (e) {
        reject(e);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening\n${logTail(logFile)}`));
    });
  });
}

async function waitForHttp(
  url: string,
  child: ChildProcess,
  logFile: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`exited with ${child.exitCode} before ready\n${logTail(logFile)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not return 200 within ${timeoutMs} ms\n${logTail(logFile)}`);
}

/** A server script that prints {"port":N} once listening (a do-nothing endpoint, a peer). */
export async function startAnnouncing(
  name: string,
  options: TargetOptions,
  args: string[],
  info: Record<string, unknown>,
): Promise<RunningTarget> {
  const logFile = join(options.workDir, `${name}.log`);
  const child = spawnLogged(options.root, logFile, args, { ...process.env, NODE_ENV: 'production' }, true);
  try {
    const port = await readPort(child, logFile, 30_000);
    return {
      name,
      endpoint: `http://127.0.0.1:${port}`,
      pid: child.pid!,
      cpuPids: [child.pid!],
      info,
      logFile,
      ...lifecycle(child, 5_000),
    };
  } catch (e) {
    await stopChild(child, 2_000);
    throw e;
  }
}

/** Where Switchyard keeps its data: its embedded server, REDIS_URL, or the bench's own TCP server. */
interface SwitchyardRedis {
  readonly url?: string;
  readonly info: Record<string, unknown>;
  /** Keys to delete after the run (a shared external Redis). */
  readonly cleanKeys: boolean;
  readonly extraCpuPids: readonly number[];
  stop(): Promise<void>;
}

/**
 * Where a Switchyard app the bench starts listens (free ports on loopback, its endpoint the public
 * URL it names in what it sends) and runs as in production: the settings, and the endpoint.
 */
async function listeningOnLoopback(): Promise<{ endpoint: string; env: Record<string, string> }> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      SWITCHYARD_TLS_PORT: String(await freePort()),
      SWITCHYARD_GRPC_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      SWITCHYARD_PUBLIC_URL: endpoint,
    },
  };
}

async function startSwitchyard(
  name: 'switchyard' | 'switchyard-tcp',
  options: TargetOptions,
  redis: SwitchyardRedis,
): Promise<RunningTarget> {
  const logFile = join(options.workDir, `${name}.log`);
  const dataDir = mkdtempSync(join(options.workDir, `${name}-data-`));
  const { endpoint, env: listening } = await listeningOnLoopback();
  const env: NodeJS.ProcessEnv = { ...process.env, ...listening };
  delete env.SWITCHYARD_CREDENTIALS;
  if (redis.url) {
    env.REDIS_URL = redis.url;
    env.SWITCHYARD_KEY_PREFIX = options.keyPrefix;
  } else {
    delete env.REDIS_URL;
    env.SWITCHYARD_DATA_DIR = dataDir;
    if (options.fsync) env.SWITCHYARD_FSYNC = options.fsync;
  }
  const child = spawnLogged(
    options.root,
    logFile,
    [...options.serverNodeFlags, '-r', '@swc-node/register', join(options.root, 'apps/server/src/main.ts')],
    env,
    false,
  );
  const cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (redis.url && redis.cleanKeys) await deleteKeys(redis.url, options.keyPrefix);
    await redis.stop();
  };
  try {
    await waitForHttp(`${endpoint}/health/ready`, child, logFile, 60_000);
  } catch (e) {
    await stopChild(child, 10_000);
    await cleanup();
    throw e;
  }
  return {
    name,
    endpoint,
    pid: child.pid!,
    cpuPids: [child.pid!, ...redis.extraCpuPids],
    info: redis.info,
    logFile,
    ...lifecycle(child, 20_000, cleanup),
  };
}

/** Switchyard's own embedded redis-server (Unix socket), or the one REDIS_URL names. */
function embeddedOrExternalRedis(options: TargetOptions): SwitchyardRedis {
  const url = options.redisUrl;
  return {
    url,
    info: url
      ? { redis: 'external', redisUrl: url.replace(/\/\/[^@/]*@/, '//***@'), keyPrefix: options.keyPrefix }
      : { redis: 'embedded (Unix socket)', durability: `AOF appendfsync ${options.fsync ?? 'everysec'}` },
    cleanKeys: true,
    extraCpuPids: [],
    stop: async () => undefined,
  };
}

/**
 * A redis-server the bench starts on a free loopback TCP port with the embedded server's durability
 * (bench/sqs/redis-tcp.server.ts); its CPU counts for the target.
 */
async function benchTcpRedis(options: TargetOptions): Promise<SwitchyardRedis> {
  const logFile = join(options.workDir, 'redis-tcp.log');
  const dataDir = mkdtempSync(join(options.workDir, 'redis-tcp-data-'));
  const fsync = options.fsync ?? 'everysec';
  const child = spawnLogged(
    options.root,
    logFile,
    ['-r', '@swc-node/register', join(options.root, 'bench/sqs/redis-tcp.server.ts'), dataDir, fsync],
    { ...process.env },
    true,
  );
  const stop = async () => {
    await stopChild(child, 10_000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  let port: number;
  try {
    port = await readPort(child, logFile, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    info: { redis: 'bench redis-server over loopback TCP', durability: `AOF appendfsync ${fsync}` },
    cleanKeys: false,
    extraCpuPids: [child.pid!],
    stop,
  };
}

/**
 * Switchyard as a cluster on one machine: the bench's own redis-server over loopback TCP and one
 * process per app named (e.g. a gateway and two executors); the first app's port is the endpoint.
 */
export async function startSwitchyardApps(
  name: string,
  options: TargetOptions,
  apps: readonly string[],
  env: Record<string, string> = {},
): Promise<RunningTarget & { addApp(app: string): Promise<{ pid: number }> }> {
  const redis = await benchTcpRedis(options);
  const children: ChildProcess[] = [];
  const processes: { app: string; endpoint: string; pid: number }[] = [];
  const stopAll = async () => {
    for (const child of children) await stopChild(child, 10_000);
    await redis.stop();
  };
  let stopping = false;
  let early: string | undefined;
  /** Starts one more app process on the same Redis and key prefix, once it is ready. */
  const launch = async (app: string) => {
    const i = children.length;
    const { endpoint: url, env: listening } = await listeningOnLoopback();
    const appLog = join(options.workDir, `${name}-${i}-${app}.log`);
    const child = spawnLogged(
      options.root,
      appLog,
      [...options.serverNodeFlags, '-r', '@swc-node/register', join(options.root, `apps/${app}/src/main.ts`)],
      {
        ...process.env,
        ...listening,
        REDIS_URL: redis.url,
        SWITCHYARD_KEY_PREFIX: options.keyPrefix,
        ...env,
      },
      false,
    );
    children.push(child);
    processes.push({ app, endpoint: url, pid: child.pid! });
    child.once('exit', (code, signal) => {
      if (!stopping) early ??= `a process exited on its own (code ${code}, signal ${signal})`;
    });
    await waitForHttp(`${url}/health/ready`, child, appLog, 60_000);
    return { pid: child.pid! };
  };
  try {
    for (const app of apps) await launch(app);
  } catch (e) {
    stopping = true;
    await stopAll();
    throw e;
  }
  return {
    name,
    endpoint: processes[0].endpoint,
    pid: children[0].pid!,
    cpuPids: [...children.map((c) => c.pid!), ...redis.extraCpuPids],
    info: { ...redis.info, processes: apps },
    logFile: join(options.workDir, `${name}.log`),
    redisUrl: redis.url,
    processes,
    redisPid: redis.extraCpuPids[0],
    unexpectedExit: () => early,
    addApp: launch,
    stop: async () => {
      stopping = true;
      await stopAll();
    },
  };
}

/** Removes every key the run left under its unique prefix in an external Redis. */
async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: Redis, Cluster } = require('ioredis') as typeof import('ioredis');
  const cluster = redisUrl.startsWith('redis+cluster://');
  const client = cluster
    ? new Cluster(
        redisUrl
          .slice('redis+cluster://'.length)
          .split(',')
          .map((hp) => ({ host: hp.split(':')[0], port: Number(hp.split(':')[1]) })),
      )
    : new Redis(redisUrl);
  try {
    const nodes = cluster
      ? (client as InstanceType<typeof Cluster>).nodes('master')
      : [client as InstanceType<typeof Redis>];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) await node.unlink(key);
      } while (cursor !== '0');
    }
  } finally {
    client.disconnect();
  }
}

export async function startTarget(name: TargetName, options: TargetOptions): Promise<RunningTarget> {
  switch (name) {
    case 'null':
      return startAnnouncing(
        name,
        options,
        ['-r', '@swc-node/register', join(options.root, 'bench/sqs/null-sqs.server.ts')],
        {
          storage: 'none',
        },
      );
    case 'fauxqs': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const version = require(join(options.root, 'node_modules/fauxqs/package.json')).version as string;
      return startAnnouncing(name, options, [join(options.root, 'bench/sqs/fauxqs.server.mjs')], {
        storage: 'memory',
        version,
      });
    }
    case 'switchyard':
      return startSwitchyard(name, options, embeddedOrExternalRedis(options));
    case 'switchyard-tcp':
      return startSwitchyard(name, options, await benchTcpRedis(options));
  }
}
