import { Logger } from '@nestjs/common';
import type { Socket } from 'node:net';
import Redis, { Cluster, type RedisOptions } from 'ioredis';

/** A connection to a single Redis node or to a Redis Cluster; both run the same commands and scripts. */
export type RedisClient = Redis | Cluster;

const CLUSTER_SCHEME = 'redis+cluster:';
const UNIX_SCHEME = 'unix:';

/**
 * How a lost connection is retried, so that a request during an outage fails in about a second
 * (isStoreUnavailable) instead of hanging. ioredis queues commands while it reconnects and fails them
 * only after `maxRetriesPerRequest` attempts more: its defaults (20 attempts, up to 2 s apart) held a
 * request for 10 to 40 s. Here it reconnects at most 250 ms apart and fails what is queued every fourth
 * attempt: under a second, long enough to ride out a restart of the embedded server, and requests
 * succeed again within 250 ms of Redis answering.
 */
const RECONNECT: RedisOptions = {
  retryStrategy: (attempt) => Math.min(attempt * 50, 250),
  maxRetriesPerRequest: 3,
  // A host that drops packets would otherwise hold each attempt for the default 10 s.
  connectTimeout: 1_000,
};

/**
 * Connects from a URL: `redis://[user:pass@]host:port[/db]`, `rediss://…`, or
 * `redis+cluster://host:port,host:port` for a Cluster (any reachable nodes; the rest are discovered),
 * or `unix:///path/to/redis.sock` for a local server's Unix socket.
 */
export function connectRedis(url: string, options: RedisOptions = {}): RedisClient {
  // Auto-pipelining measured slower here: every request is one EVALSHA, and deferring its write to the
  // next tick costs more than the batching saves (SQS bench: 58k → 78k messages/s under wrk).
  const base: RedisOptions = { enableAutoPipelining: false, ...RECONNECT, ...options };
  let client: RedisClient;
  if (url.startsWith(CLUSTER_SCHEME)) {
    const nodes = url
      .slice(CLUSTER_SCHEME.length)
      .replace(/^\/\//, '')
      .split(',')
      .map((hostPort) => {
        const [host, port] = hostPort.split(':');
        return { host, port: Number(port || 6379) };
      });
    client = failFastOnceReady(
      new Cluster(nodes, {
        enableAutoPipelining: false,
        redisOptions: base,
        clusterRetryStrategy: (attempt) => Math.min(100 + attempt * 50, 500),
      }),
    );
  } else if (url.startsWith(UNIX_SCHEME)) {
    client = new Redis({ ...base, path: url.slice(UNIX_SCHEME.length).replace(/^\/\//, '') });
  } else {
    client = new Redis(url, base);
  }
  coalesceWrites(client);
  return logOutages(client, redactRedisUrl(url));
}

/**
 * Commands sent in one tick leave in one socket write. ioredis writes every command on its own, so
 * a request that sends three commands, or sixteen executions each sending their next command when
 * one reply packet resolves them all, cost a system call each here and a read each in Redis. Corking
 * the socket at a tick's first write and uncorking it once the tick's callbacks have run sends them
 * as one writev, in the same order, before the event loop waits again: no command is delayed.
 */
function coalesceWrites(client: RedisClient): void {
  const corkEachConnection = (redis: Redis) =>
    redis.on('connect', () => {
      const socket = (redis as unknown as { stream?: Socket }).stream;
      if (socket) corkEachTick(socket);
    });
  if (client instanceof Cluster) client.on('+node', corkEachConnection);
  else corkEachConnection(client);
}

function corkEachTick(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  }) as Socket['write'];
}

/**
 * A second connection with the same target, for subscriptions and blocking commands. `forJobs`
 * makes it fit for BullMQ, which needs commands to wait out reconnects (maxRetriesPerRequest null).
 * `subscriber` makes it fit for SUBSCRIBE: ioredis's ready check (an INFO once connected) would be
 * refused on a connection that a SUBSCRIBE sent meanwhile has put in subscriber mode, failing the
 * subscriptions made while it connects; a pub/sub connection needs no ready check.
 */
export function duplicateConnection(
  client: RedisClient,
  options: { forJobs?: boolean; subscriber?: boolean } = {},
): RedisClient {
  // Background work need not fail fast, and BullMQ reports every failed reconnect: ioredis's own pace.
  const overrides: RedisOptions = {
    ...(options.forJobs
      ? { maxRetriesPerRequest: null, retryStrategy: (attempt: number) => Math.min(attempt * 50, 2_000) }
      : {}),
    ...(options.subscriber ? { enableReadyCheck: false } : {}),
  };
  let copy: RedisClient;
  if (client instanceof Cluster) {
    const cluster = client.duplicate(undefined, {
      enableOfflineQueue: true,
      redisOptions: { ...client.options.redisOptions, ...overrides },
    });
    copy = options.forJobs ? cluster : failFastOnceReady(cluster);
  } else {
    copy = client.duplicate(overrides);
  }
  coalesceWrites(copy);
  // The original's log already tells of an outage; without a listener ioredis would print every
  // failed reconnect of this one to stderr.
  copy.on('error', () => undefined);
  return copy;
}

/**
 * A Cluster queues commands while it has no node connected and, unlike a single connection, never
 * fails them: once it has been ready it stops queueing, so a request during a whole-Cluster outage
 * fails at once. A command for a node that went away is still retried for a failover
 * (retryDelayOnFailover, up to maxRedirections times).
 */
function failFastOnceReady(cluster: Cluster): Cluster {
  cluster.once('ready', () => {
    cluster.options.enableOfflineQueue = false;
  });
  return cluster;
}

/** Logs a lost connection once, not each failed reconnect (ioredis would print every one), and its return. */
function logOutages(client: RedisClient, target: string): RedisClient {
  const log = new Logger('Redis');
  let lost = false;
  client.on('error', (e: Error) => {
    if (lost) return;
    lost = true;
    log.warn(`Redis at ${target} does not answer (${e.message}); reconnecting`);
  });
  client.on('ready', () => {
    if (!lost) return;
    lost = false;
    log.log(`Redis at ${target} answers again`);
  });
  return client;
}

/** The URL as logs may show it: a password (in the user part or a `password` parameter) becomes `***`. */
export function redactRedisUrl(url: string): string {
  return url
    .replace(/^([a-z+]+:\/\/)([^@/]*)@/i, (_all, scheme: string, userInfo: string) => {
      const colon = userInfo.indexOf(':');
      return `${scheme}${colon < 0 ? '***' : `${userInfo.slice(0, colon)}:***`}@`;
    })
    .replace(/([?&]password=)[^&]*/gi, '$1***');
}
