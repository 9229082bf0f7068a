import type { AppendFsync } from '@switchyard/redis';
import type { SettingDoc } from './settings';

/** Settings every Switchyard process shares, validated at boot. */
export interface RuntimeConfig {
  readonly port: number;
  readonly host: string;
  /** Unset: start (or adopt) an embedded redis-server with AOF in `dataDir`. */
  readonly redisUrl?: string;
  readonly dataDir: string;
  readonly appendFsync: AppendFsync;
  readonly keyPrefix: string;
  readonly accountId: string;
  readonly region: string;
  readonly publicUrl: string;
  /** HTTPS port of the AWS APIs and the SNS signing certificate (0: any free port). */
  readonly tlsPort: number;
  /** PEM files of a certificate and key for the HTTPS port; unset: the self-signed one made at first start. */
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  /** Base of https URLs handed out (SNS's SigningCertURL). */
  readonly publicTlsUrl: string;
  /** gRPC port of the AWS APIs the app serves (0: any free port). */
  readonly grpcPort: number;
  /** Access key id → secret; empty accepts any signature. */
  readonly credentials: ReadonlyMap<string, string>;
  /** How long SIGTERM waits for in-flight work before the process exits anyway. */
  readonly drainSeconds: number;
  /** The least severe log lines written (JSON lines on stdout). */
  readonly logLevel: LogLevel;
}

/** How much a process logs: each level writes its own lines and those of the levels after it. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A configuration value that cannot be used; the process refuses to start. */
export class ConfigError extends Error {}

/** An integer setting in [min, max], or `fallback` when unset; feature config modules read theirs with it. */
export function intSetting(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

const DEFAULT_PORT = 4566;
const DEFAULT_TLS_PORT = 4443;
const DEFAULT_GRPC_PORT = 50051;
const DEFAULT_HOST = '0.0.0.0';
const DEFAULT_DATA_DIR = '.switchyard';
const DEFAULT_FSYNC: AppendFsync = 'everysec';
const DEFAULT_ACCOUNT_ID = '000000000000';
const DEFAULT_REGION = 'us-east-1';
const DEFAULT_KEY_PREFIX = 'sy';
/** Long polls answer at once on a drain; this is under Kubernetes' default 30 s grace period. */
const DEFAULT_DRAIN_SECONDS = 25;
const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** The shared settings as `--help` lists them; `port` is the app's default PORT. */
export function runtimeSettings(defaults: { port?: number } = {}): SettingDoc[] {
  return [
    {
      name: 'PORT',
      default: `\`${defaults.port ?? DEFAULT_PORT}\``,
      meaning: 'HTTP port: AWS APIs and `/health/live`, `/health/ready`',
    },
    { name: 'HOST', default: `\`${DEFAULT_HOST}\``, meaning: 'interface to listen on' },
    {
      name: 'REDIS_URL',
      default: 'unset: embedded',
      meaning: '`redis://host:port[/db]`, `rediss://…`, or `redis+cluster://h1:p1,h2:p2`',
    },
    {
      name: 'SWITCHYARD_DATA_DIR',
      default: `\`${DEFAULT_DATA_DIR}\``,
      meaning: 'data folder of the embedded redis-server',
    },
    {
      name: 'SWITCHYARD_FSYNC',
      default: `\`${DEFAULT_FSYNC}\``,
      meaning: 'embedded Redis AOF policy: `everysec`, or `always` for zero loss at lower throughput',
    },
    {
      name: 'SWITCHYARD_PUBLIC_URL',
      default: '`http://localhost:$PORT`',
      meaning: 'base of queue URLs; SDKs send each request to the host in the queue URL',
    },
    {
      name: 'SWITCHYARD_TLS_PORT',
      default: `\`${DEFAULT_TLS_PORT}\``,
      meaning:
        'HTTPS port of the AWS APIs and of the SNS signing certificate (apps that serve an AWS API); `0` takes any free port',
    },
    {
      name: 'SWITCHYARD_TLS_CERT',
      default: 'unset: self-signed',
      meaning:
        'PEM certificate (and `SWITCHYARD_TLS_KEY` its key) for the HTTPS port; unset, a self-signed one for localhost made at first start and kept in Redis',
    },
    {
      name: 'SWITCHYARD_TLS_KEY',
      default: 'unset',
      meaning: 'PEM private key of `SWITCHYARD_TLS_CERT`',
    },
    {
      name: 'SWITCHYARD_PUBLIC_TLS_URL',
      default: '`https://localhost:$SWITCHYARD_TLS_PORT`',
      meaning: "base of the https URLs handed out, such as SNS's SigningCertURL",
    },
    {
      name: 'SWITCHYARD_GRPC_PORT',
      default: `\`${DEFAULT_GRPC_PORT}\``,
      meaning:
        'gRPC port of the AWS APIs the app serves (apps that serve an AWS API; no SigV4, server reflection on); `0` takes any free port',
    },
    {
      name: 'SWITCHYARD_ACCOUNT_ID',
      default: `\`${DEFAULT_ACCOUNT_ID}\``,
      meaning: 'account id in queue URLs and ARNs',
    },
    { name: 'SWITCHYARD_REGION', default: `\`${DEFAULT_REGION}\``, meaning: 'region in ARNs' },
    {
      name: 'SWITCHYARD_CREDENTIALS',
      default: 'unset',
      meaning: '`AKID:SECRET,AKID2:SECRET2`: verify SigV4 signatures against these keys; unset accepts any',
    },
    {
      name: 'SWITCHYARD_KEY_PREFIX',
      default: `\`${DEFAULT_KEY_PREFIX}\``,
      meaning: 'first segment of every Redis key',
    },
    {
      name: 'SWITCHYARD_DRAIN_SECONDS',
      default: `\`${DEFAULT_DRAIN_SECONDS}\``,
      meaning:
        'how long SIGTERM waits for in-flight requests and work to finish before the process exits anyway (exit code 1)',
    },
    {
      name: 'SWITCHYARD_LOG_LEVEL',
      default: `\`${DEFAULT_LOG_LEVEL}\``,
      meaning:
        'least severe log lines written (JSON lines on stdout): `debug` (adds a line per AWS request), `info`, `warn` or `error`',
    },
  ];
}

/** Reads and validates the shared settings from an environment map (the app's config module passes process.env). */
export function loadRuntimeConfig(
  env: Record<string, string | undefined>,
  defaults: { port?: number } = {},
): RuntimeConfig {
  const port = intSetting(env, 'PORT', defaults.port ?? DEFAULT_PORT, 0, 65535);
  const accountId = env.SWITCHYARD_ACCOUNT_ID || DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId))
    throw new ConfigError(`SWITCHYARD_ACCOUNT_ID must be 12 digits, got "${accountId}"`);
  const region = env.SWITCHYARD_REGION || DEFAULT_REGION;
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
    throw new ConfigError(`SWITCHYARD_REGION must look like us-east-1, got "${region}"`);
  const appendFsync = (env.SWITCHYARD_FSYNC || DEFAULT_FSYNC) as AppendFsync;
  if (appendFsync !== 'everysec' && appendFsync !== 'always')
    throw new ConfigError(`SWITCHYARD_FSYNC must be everysec or always, got "${appendFsync}"`);
  const keyPrefix = env.SWITCHYARD_KEY_PREFIX || DEFAULT_KEY_PREFIX;
  if (!/^[A-Za-z0-9_.-]+$/.test(keyPrefix))
    throw new ConfigError(`SWITCHYARD_KEY_PREFIX may only hold letters, digits, _ . -, got "${keyPrefix}"`);
  const credentials = new Map<string, string>();
  for (const pair of (env.SWITCHYARD_CREDENTIALS ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const i = pair.indexOf(':');
    if (i <= 0 || i === pair.length - 1)
      throw new ConfigError(
        'SWITCHYARD_CREDENTIALS must be a comma-separated list of ACCESS_KEY_ID:SECRET_ACCESS_KEY',
      );
    credentials.set(pair.slice(0, i), pair.slice(i + 1));
  }
  const publicUrl = env.SWITCHYARD_PUBLIC_URL || `http://localhost:${port}`;
  if (!/^https?:\/\/[^/]+\/?$/.test(publicUrl))
    throw new ConfigError(
      `SWITCHYARD_PUBLIC_URL must be a base URL such as http://localhost:4566, got "${publicUrl}"`,
    );
  const tlsPort = intSetting(env, 'SWITCHYARD_TLS_PORT', DEFAULT_TLS_PORT, 0, 65535);
  const tlsCertFile = env.SWITCHYARD_TLS_CERT || undefined;
  const tlsKeyFile = env.SWITCHYARD_TLS_KEY || undefined;
  if ((tlsCertFile === undefined) !== (tlsKeyFile === undefined))
    throw new ConfigError('SWITCHYARD_TLS_CERT and SWITCHYARD_TLS_KEY go together: set both or neither');
  const logLevel = (env.SWITCHYARD_LOG_LEVEL || DEFAULT_LOG_LEVEL) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`SWITCHYARD_LOG_LEVEL must be debug, info, warn or error, got "${logLevel}"`);
  const publicTlsUrl = env.SWITCHYARD_PUBLIC_TLS_URL || `https://localhost:${tlsPort}`;
  if (!/^https:\/\/[^/]+\/?$/.test(publicTlsUrl))
    throw new ConfigError(
      `SWITCHYARD_PUBLIC_TLS_URL must be a base URL such as https://localhost:4443, got "${publicTlsUrl}"`,
    );
  return {
    port,
    tlsPort,
    tlsCertFile,
    tlsKeyFile,
    publicTlsUrl: publicTlsUrl.replace(/\/$/, ''),
    grpcPort: intSetting(env, 'SWITCHYARD_GRPC_PORT', DEFAULT_GRPC_PORT, 0, 65535),
    host: env.HOST || DEFAULT_HOST,
    redisUrl: env.REDIS_URL || undefined,
    dataDir: env.SWITCHYARD_DATA_DIR || DEFAULT_DATA_DIR,
    appendFsync,
    keyPrefix,
    accountId,
    region,
    publicUrl,
    credentials,
    drainSeconds: intSetting(env, 'SWITCHYARD_DRAIN_SECONDS', DEFAULT_DRAIN_SECONDS, 1, 3600),
    logLevel,
  };
}
