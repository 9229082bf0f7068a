import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis, { type RedisOptions } from 'ioredis';

/** How the embedded redis-server persists: `everysec` loses at most a second on a host crash, `always` nothing. */

/**
 * The durability every Redis Switchyard runs itself has: AOF with the given fsync policy, no RDB
 * snapshots, noeviction (an acknowledged message is never evicted), and AOF rewrites at 1 GiB rather
 * than every 64 MiB of writes (fewer forks under load). The SQS bench's TCP Redis uses the same.
 */
export function durableRedisArgs(appendFsync: AppendFsync): string[] {
  return [
    '--appendonly',
    'yes',
    '--appendfsync',
    appendFsync,
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    '--auto-aof-rewrite-min-size',
    '1gb',
  ];
}

export type AppendFsync = 'everysec' | 'always';

/** Where the embedded server reports to; `error` means it is gone for good. */
export type EmbeddedRedisLog = (line: string, level: 'log' | 'warn' | 'error') => void;

/** Where the embedded server keeps its data, how it persists, and how hard it is kept running. */
export interface EmbeddedRedisOptions {
  readonly dataDir: string;
  readonly appendFsync: AppendFsync;
  readonly log?: EmbeddedRedisLog;
  /** Restarts in a row (none of them lasting a minute) before giving up on a server that keeps going away; default 5. */
  readonly maxRestarts?: number;
}

/**
 * A redis-server this process started or adopted, with AOF persistence in a local data folder. It
 * listens on a Unix socket only, in a folder only this user may enter; its pid is in `redis.pid` in the
 * data folder. When it goes away it is restarted on the same folder (replaying its AOF) with a growing
 * back-off; after `maxRestarts` failed or short-lived restarts `failure` says why it is gone for good.
 */
export interface EmbeddedRedis {
  /** `unix:///…/redis.sock`. */
  readonly url: string;
  /** The data folder, absolute. */
  readonly dataDir: string;
  readonly appendFsync: AppendFsync;
  readonly socket: string;
  /** Whether this process started the server; false while it uses one another process started. */
  readonly owned: boolean;
  /** The server's process id, when known. */
  readonly pid: number | undefined;
  /** Why the server is gone for good; undefined while it serves or is being restarted. */
  readonly failure: string | undefined;
  /** Stops the server if this process started it; an adopted server is left running for its owner. */
  stop(): Promise<void>;
}

const SOCKET_FILE = 'redis.sock';
const PID_FILE = 'redis.pid';
const LOG_FILE = 'redis.log';
/** Holds the pid of the Switchyard process that runs the server, so two never start one on the same AOF. */
const OWNER_FILE = 'redis.owner';
/** Where earlier versions noted the loopback TCP port their server listened on. */
const LEGACY_PORT_FILE = 'redis.port';
/** A socket path must fit sun_path: 108 bytes on Linux, 104 on macOS, with the terminating NUL. */
const MAX_SOCKET_PATH = 100;
const START_TIMEOUT_MS = 10_000;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5_000;
/** A server that stayed up this long is healthy again: the count of restarts in a row starts over. */
const STABLE_MS = 60_000;
const DEFAULT_MAX_RESTARTS = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Makes `dir` a folder only this user may enter. It holds the socket, whose own mode redis-server sets
 * only after binding it, and the AOF, which is every queue's content.
 */
function makePrivate(dir: string, shared: boolean): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // In a folder every user may write to (the temp dir), neither a symlink nor another user's folder will do.
  const stat = shared ? lstatSync(dir) : statSync(dir);
  if (!stat.isDirectory()) throw new Error(`${dir} is not a folder`);
  const uid = process.getuid?.();
  if (shared && uid !== undefined && stat.uid !== uid) {
    throw new Error(`${dir} belongs to another user; refusing to put the embedded Redis socket there`);
  }
  if ((stat.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

/** The socket in the data folder, or, when that path is too long for a socket, in a private folder under the temp dir. */
function socketPathFor(dir: string): string {
  const inDir = join(dir, SOCKET_FILE);
  if (Buffer.byteLength(inDir) <= MAX_SOCKET_PATH) return inDir;
  const folder = join(tmpdir(), `switchyard-${process.getuid?.() ?? 'user'}`);
  makePrivate(folder, true);
  const socket = join(folder, `${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.sock`);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    throw new Error(
      `no Unix socket path short enough for the embedded Redis of ${dir}; set TMPDIR to a short path`,
    );
  }
  return socket;
}

/** Whether a redis-server answers at `target` and keeps its data in `dir`. */
async function servesDir(target: RedisOptions, dir: string): Promise<boolean> {
  if (target.path && !existsSync(target.path)) return false;
  const probe = new Redis({
    ...target,
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    // CONFIG answers while the AOF is still loading; the app's own connection waits that out.
    enableReadyCheck: false,
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The positive whole number (a pid, a port) a file holds, or undefined when there is none (yet). */
function readNumber(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The last line redis-server logged, for an error message. */
function lastLogLine(dir: string): string {
  try {
    const lines = readFileSync(join(dir, LOG_FILE), 'utf8').trim().split('\n');
    return lines[lines.length - 1] ?? '';
  } catch {
    return '';
  }
}

/**
 * Takes the owner file for this process. Returns the pid of another live process holding it instead;
 * a file left by a process that is gone is taken over.
 */
function takeOwnership(file: string): number | undefined {
  for (;;) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readNumber(file);
    if (holder === process.pid) return undefined;
    // An empty file is one being written this very moment.
    if (holder === undefined && existsSync(file)) return -1;
    if (holder !== undefined && isAlive(holder)) return holder;
    rmSync(file, { force: true });
  }
}

class SupervisedRedis implements EmbeddedRedis {
  private child?: ChildProcess;
  /** A connection to an adopted server, whose closing says the server went away. */
  private watcher?: Socket;
  private stopping = false;
  private failed?: string;
  private restarts = 0;
  private upSince = Date.now();
  private recovering?: Promise<void>;
  private wakeFromBackoff?: () => void;

  constructor(
    readonly dataDir: string,
    readonly appendFsync: AppendFsync,
    readonly socket: string,
    private readonly log: EmbeddedRedisLog,
    private readonly maxRestarts: number,
  ) {}

  get url(): string {
    return `unix://${this.socket}`;
  }

  get owned(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid ?? readNumber(join(this.dataDir, PID_FILE));
  }

  get failure(): string | undefined {
    return this.failed;
  }

  private get ownerFile(): string {
    return join(this.dataDir, OWNER_FILE);
  }

  /**
   * Adopts the server already serving the folder (left by a process that was killed, or run by another
   * process on the same folder), or starts one; waits while another live process is starting one.
   */
  async bringUp(): Promise<'started' | 'adopted'> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (await servesDir({ path: this.socket }, this.dataDir)) {
        this.watch();
        return 'adopted';
      }
      const holder = takeOwnership(this.ownerFile);
      if (holder === undefined) {
        await this.spawnServer();
        return 'started';
      }
      if (Date.now() > deadline) {
        throw new Error(
          `another process${holder > 0 ? ` (pid ${holder})` : ''} holds ${this.ownerFile} but no redis-server answered on ${this.socket} ` +
            `within ${START_TIMEOUT_MS / 1000} s; if no Switchyard process uses ${this.dataDir}, delete that file`,
        );
      }
      await sleep(100);
    }
  }

  private async spawnServer(): Promise<void> {
    const legacyPortFile = join(this.dataDir, LEGACY_PORT_FILE);
    const legacyPort = readNumber(legacyPortFile);
    if (legacyPort !== undefined) {
      if (await servesDir({ host: '127.0.0.1', port: legacyPort }, this.dataDir)) {
        throw new Error(
          `a redis-server started by an earlier Switchyard version still serves ${this.dataDir} on TCP port ` +
            `${legacyPort}; stop it (redis-cli -p ${legacyPort} shutdown) and start again`,
        );
      }
      rmSync(legacyPortFile, { force: true });
    }
    if (spawnSync('redis-server', ['--version']).error) {
      throw new Error(
        'redis-server was not found. Install Redis 7 (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis), ' +
          'or set REDIS_URL to use an existing Redis.',
      );
    }
    const child = spawn(
      'redis-server',
      [
        // No TCP listener: a Unix socket in a private folder is reachable by this user alone, with no password to keep.
        '--port',
        '0',
        '--unixsocket',
        this.socket,
        '--unixsocketperm',
        '700',
        '--dir',
        this.dataDir,
        '--pidfile',
        join(this.dataDir, PID_FILE),
        ...durableRedisArgs(this.appendFsync),
        '--logfile',
        join(this.dataDir, LOG_FILE),
      ],
      // Its own process group: a Ctrl-C in the terminal is for Switchyard, which drains over this
      // server and then stops it, not for the server itself.
      { stdio: 'ignore', detached: true },
    );
    let ended: string | undefined;
    child.once('error', (e) => (ended ??= `could not run (${e.message})`));
    child.once('exit', (code, signal) => {
      ended ??= signal ? `was killed by ${signal}` : `exited with code ${code}`;
      if (this.child !== child) return;
      this.child = undefined;
      this.lost(`(pid ${child.pid}) ${ended}`);
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const serving = await servesDir({ path: this.socket }, this.dataDir);
      if (ended) {
        const logged = lastLogLine(this.dataDir);
        throw new Error(
          `redis-server ${ended}${logged ? `: ${logged}` : ''} (see ${join(this.dataDir, LOG_FILE)})`,
        );
      }
      if (serving) {
        this.child = child;
        return;
      }
      await sleep(50);
    }
    child.kill('SIGKILL');
    throw new Error(`redis-server did not answer on ${this.socket} within ${START_TIMEOUT_MS / 1000} s`);
  }

  private watch(): void {
    const socket = connect(this.socket);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      if (this.watcher !== socket) return;
      this.watcher = undefined;
      this.lost('(adopted from another process) closed its socket');
    });
    // Watching must not keep the process alive on its own.
    socket.unref();
    this.watcher = socket;
  }

  private lost(what: string): void {
    if (this.stopping || this.recovering) return;
    this.recovering = this.recover(what).finally(() => (this.recovering = undefined));
  }

  private async recover(what: string): Promise<void> {
    if (Date.now() - this.upSince >= STABLE_MS) this.restarts = 0;
    let reason = `the embedded redis-server ${what}`;
    while (!this.stopping) {
      if (this.restarts >= this.maxRestarts) {
        this.failed = `${reason}; gave up after ${this.maxRestarts} restarts in a row`;
        this.log(`${this.failed}: /health/live now fails, so that the process is restarted`, 'error');
        return;
      }
      const delay = Math.min(FIRST_BACKOFF_MS * 2 ** this.restarts, MAX_BACKOFF_MS);
      this.restarts++;
      this.log(
        `${reason}; restarting it on ${this.dataDir} in ${delay} ms (restart ${this.restarts} of at most ${this.maxRestarts} in a row)`,
        'warn',
      );
      await this.backoff(delay);
      if (this.stopping) return;
      try {
        const how = await this.bringUp();
        this.upSince = Date.now();
        this.log(
          how === 'started'
            ? `restarted the embedded redis-server (pid ${this.pid}) on ${this.dataDir}; it replays its AOF`
            : `the embedded redis-server of ${this.dataDir} is back, run by another process; using it`,
          'log',
        );
        return;
      } catch (e) {
        reason = `the embedded redis-server could not be restarted (${(e as Error).message})`;
      }
    }
  }

  private backoff(ms: number): Promise<void> {
    return new Promise((res) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeFromBackoff = undefined;
        res();
      };
      const timer = setTimeout(done, ms);
      this.wakeFromBackoff = done;
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeFromBackoff?.();
    await this.recovering;
    this.watcher?.destroy();
    this.watcher = undefined;
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((res) => {
        child.once('exit', () => res());
        child.kill('SIGTERM');
      });
    }
    if (readNumber(this.ownerFile) === process.pid) rmSync(this.ownerFile, { force: true });
  }
}

/**
 * Starts redis-server with AOF on in `dataDir`, or adopts the one already serving that folder (left
 * behind when a previous Switchyard process was killed), so two servers never write one AOF; then
 * keeps it running (see EmbeddedRedis).
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions): Promise<EmbeddedRedis> {
  makePrivate(resolve(options.dataDir), false);
  // redis-server reports the folder it works in without symlinks, and that is how it is recognised.
  const dir = realpathSync(options.dataDir);
  const server = new SupervisedRedis(
    dir,
    options.appendFsync,
    socketPathFor(dir),
    options.log ?? (() => undefined),
    options.maxRestarts ?? DEFAULT_MAX_RESTARTS,
  );
  await server.bringUp();
  return server;
}
