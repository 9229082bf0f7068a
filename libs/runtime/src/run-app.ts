import 'reflect-metadata';
import type { Server } from 'node:http';
import type { Server as TlsServer } from 'node:https';
import { type DynamicModule, type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AwsHttpServer, AwsRouter, keepLogContexts } from '@switchyard/aws-wire';
import { type EmbeddedRedis, redactRedisUrl, startEmbeddedRedis } from '@switchyard/redis';
import { CoreFeatures } from './core.module';
import { startGrpcFace, withGrpcFace } from './grpc-face';
import { Liveness } from './health.module';
import { JsonLogger, levelOfNestOption } from './json-logger';
import { ConfigError, type RuntimeConfig } from './runtime-config';
import { TlsIdentity, tlsMaterialFromFiles } from './tls-identity';
import { formatUsage, productVersion, type SettingDoc } from './settings';

/** A started Switchyard process. */
export interface RunningApp {
  readonly app: INestApplication;
  readonly url: string;
  readonly redisUrl: string;
  /** The gRPC port of the AWS APIs, where the app serves any. */
  readonly grpcPort?: number;
  /** Drains in-flight work, closes connections, and stops an embedded Redis this process started. */
  close(): Promise<void>;
}

/** How to run an app; `C` is the app's config: the runtime settings plus those of its feature modules. */
export interface RunAppOptions<C extends RuntimeConfig = RuntimeConfig> {
  readonly name: string;
  readonly config: C;
  /** Builds the app's root module (which imports CoreModule) once the Redis URL is known. */
  readonly module: (config: C & { redisUrl: string }) => DynamicModule;
  /** Overrides the configured log level (`['error']`: errors only, `false`: nothing), as tests do. */
  readonly logger?: false | ('log' | 'error' | 'warn' | 'debug' | 'verbose')[];
}

/**
 * Starts an app: Redis (embedded when REDIS_URL is unset), Nest on Fastify, the AWS routes, health,
 * and a graceful drain on SIGTERM/SIGINT.
 */
export async function runApp<C extends RuntimeConfig>(options: RunAppOptions<C>): Promise<RunningApp> {
  const log = new Logger(options.name);
  // Every Nest Logger of the process writes JSON lines from here on.
  const logLevel = options.logger === undefined ? options.config.logLevel : levelOfNestOption(options.logger);
  const logger = new JsonLogger(logLevel);
  Logger.overrideLogger(logger);
  // Lines inside a piece of work carry its context when debug lines are written (log-context.ts).
  keepLogContexts(logger.isLevelEnabled('debug'));
  let embedded: EmbeddedRedis | undefined;
  let redisUrl = options.config.redisUrl;
  if (!redisUrl) {
    embedded = await startEmbeddedRedis({
      dataDir: options.config.dataDir,
      appendFsync: options.config.appendFsync,
      log: (line, level) => log[level](line),
    });
    redisUrl = embedded.url;
    log.log(
      `Redis: embedded redis-server (pid ${embedded.pid ?? 'unknown'}${embedded.owned ? '' : ', left running by an earlier process'}), ` +
        `data folder ${embedded.dataDir}, AOF appendfsync ${embedded.appendFsync}, Unix socket ${embedded.socket} only`,
    );
  } else {
    log.log(`Redis: ${redactRedisUrl(redisUrl)} (REDIS_URL)`);
  }
  const config = { ...options.config, redisUrl, logLevel: logLevel === 'silent' ? 'error' : logLevel };
  const http = new AwsHttpServer();
  const app = await NestFactory.create<NestFastifyApplication>(
    withGrpcFace(options.module(config)),
    new FastifyAdapter({ serverFactory: http.factory, clientErrorHandler: http.clientErrorHandler }),
    { logger, bodyParser: false },
  );
  if (embedded) {
    const server = embedded;
    app.get(Liveness).add('redis-server', () => server.failure);
  }
  // The AWS APIs registered with the router are served over HTTP where CoreModule says so (not the executor).
  if (app.get(CoreFeatures).servesAwsApi) {
    const router = app.get(AwsRouter);
    http.attach(router);
    log.log(
      router.authenticating
        ? `SigV4 signatures are verified against ${config.credentials.size} configured credential(s)`
        : 'SigV4 signatures are not verified (no SWITCHYARD_CREDENTIALS): any credentials are accepted',
    );
  }
  // HTTPS first: once the HTTP port answers /health/ready, everything the app serves is up.
  await app.init();
  // Where an AWS API is served, it is served over HTTPS too (SNS's SigningCertURL must be https).
  let tls: TlsServer | undefined;
  if (app.get(CoreFeatures).servesAwsApi) {
    const material =
      config.tlsCertFile && config.tlsKeyFile
        ? tlsMaterialFromFiles(config.tlsCertFile, config.tlsKeyFile)
        : await app.get(TlsIdentity).get();
    const server = http.createTlsServer(material);
    tls = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.tlsPort, config.host, () => resolve());
    });
    const tlsAddress = server.address();
    log.log(
      `listening with TLS on ${config.host}:${typeof tlsAddress === 'object' && tlsAddress ? tlsAddress.port : config.tlsPort} (${config.tlsCertFile ? `certificate ${config.tlsCertFile}` : 'self-signed certificate for localhost'})`,
    );
  }
  // The same APIs over gRPC (apps that serve any), up before the HTTP port too; closed with the app.
  const grpc = await startGrpcFace(app, config.host, config.grpcPort);
  if (grpc)
    log.log(`listening with gRPC on ${config.host}:${grpc.port} (${grpc.services.join(', ')}; no SigV4)`);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  log.log(`listening on ${config.host}:${port} (account ${config.accountId}, region ${config.region})`);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Keep-alive clients would hold the drain open until their sockets time out: close each
      // connection as soon as its last response is written.
      const httpServer = app.getHttpServer() as Server;
      const sweeper = setInterval(() => {
        httpServer.closeIdleConnections();
        tls?.closeIdleConnections();
      }, 50);
      const tlsClosed = tls ? new Promise<void>((resolve) => tls!.close(() => resolve())) : undefined;
      try {
        await app.close();
        await tlsClosed;
      } finally {
        clearInterval(sweeper);
      }
      await embedded?.stop();
    })());
  return { app, url, redisUrl, grpcPort: grpc?.port, close };
}

/** How to run an app as the process's main. */
export interface RunMainOptions<C extends RuntimeConfig> extends Omit<RunAppOptions<C>, 'config'> {
  /** What the app runs, one line for `--help`. */
  readonly description: string;
  /** Every setting the app reads, as its config module declares them, for `--help`. */
  readonly settings: readonly SettingDoc[];
  /** The app's config loader; runMain calls it, so that a bad setting is reported as one line. */
  readonly loadConfig: () => C;
}

/**
 * Runs an app as the process's main: `--help` prints the usage and settings and `--version` the
 * version instead of starting; a bad setting prints its message alone and exits 1; any other boot
 * failure exits 1 too; SIGTERM/SIGINT drain, log "stopped" and exit 0 (or exit 1 once the drain
 * outlasts SWITCHYARD_DRAIN_SECONDS).
 */
export async function runMain<C extends RuntimeConfig>(options: RunMainOptions<C>): Promise<void> {
  const log = new Logger(options.name);
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(formatUsage(options));
    process.exit(0);
  }
  if (args.includes('--version')) {
    process.stdout.write(`switchyard ${productVersion()}\n`);
    process.exit(0);
  }
  if (args.length > 0) {
    process.stderr.write(
      `unknown argument ${args[0]}: ${options.name} takes --help or --version; its settings come from the environment\n`,
    );
    process.exit(2);
  }
  let config: C;
  try {
    config = options.loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  let running: RunningApp;
  try {
    running = await runApp({ ...options, config });
  } catch (e) {
    log.error((e as Error).message);
    process.exit(1);
  }
  let draining = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // Listening on after the first: a Ctrl-C reaches this process both from the terminal and through
    // scripts/start.mjs, and the second must not end the drain.
    process.on(signal, () => {
      if (draining) return;
      draining = true;
      log.log(`${signal}: draining`);
      // Work that waits on an unreachable Redis could hold the drain forever: it has a deadline.
      setTimeout(() => {
        log.error(
          `the drain did not end within ${config.drainSeconds} s (SWITCHYARD_DRAIN_SECONDS): exiting`,
        );
        process.exit(1);
      }, config.drainSeconds * 1000).unref();
      running.close().then(
        () => {
          log.log('stopped');
          process.exit(0);
        },
        (e) => {
          log.error(`shutdown failed: ${(e as Error).message}`);
          process.exit(1);
        },
      );
    });
  }
}
