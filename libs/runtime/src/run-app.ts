import 'reflect-metadata';
import type { Server } from 'node:http';
import { type DynamicModule, type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AwsHttpServer, AwsRouter } from '@switchyard/aws-wire';
import { type EmbeddedRedis, startEmbeddedRedis } from '@switchyard/redis';
import { CoreFeatures } from './core.module';
import type { RuntimeConfig } from './runtime-config';

/** A started Switchyard process. */
export interface RunningApp {
  readonly app: INestApplication;
  readonly url: string;
  readonly redisUrl: string;
  /** Drains in-flight work, closes connections, and stops an embedded Redis this process started. */
  close(): Promise<void>;
}

/** How to run an app; `C` is the app's config: the runtime settings plus those of its feature modules. */
export interface RunAppOptions<C extends RuntimeConfig = RuntimeConfig> {
  readonly name: string;
  readonly config: C;
  /** Builds the app's root module (which imports CoreModule) once the Redis URL is known. */
  readonly module: (config: C & { redisUrl: string }) => DynamicModule;
  readonly logger?: false | ('log' | 'error' | 'warn' | 'debug' | 'verbose')[];
}

/**
 * Starts an app: Redis (embedded when REDIS_URL is unset), Nest on Fastify, the AWS routes, health,
 * and a graceful drain on SIGTERM/SIGINT.
 */
export async function runApp<C extends RuntimeConfig>(options: RunAppOptions<C>): Promise<RunningApp> {
  const log = new Logger(options.name);
  if (options.logger !== undefined) Logger.overrideLogger(options.logger);
  let embedded: EmbeddedRedis | undefined;
  let redisUrl = options.config.redisUrl;
  if (!redisUrl) {
    embedded = await startEmbeddedRedis({
      dataDir: options.config.dataDir,
      appendFsync: options.config.appendFsync,
      log: (line) => log.log(line),
    });
    redisUrl = embedded.url;
  }
  const config = { ...options.config, redisUrl };
  const http = new AwsHttpServer();
  const app = await NestFactory.create<NestFastifyApplication>(
    options.module(config),
    new FastifyAdapter({ serverFactory: http.factory, clientErrorHandler: http.clientErrorHandler }),
    { logger: options.logger ?? ['log', 'error', 'warn'], bodyParser: false },
  );
  // The AWS APIs registered with the router are served where CoreModule mounted one (not the executor).
  if (app.get(CoreFeatures).awsApi) {
    const router = app.get(AwsRouter);
    http.attach(router);
    log.log(
      router.authenticating
        ? `SigV4 signatures are verified against ${config.credentials.size} configured credential(s)`
        : 'SigV4 signatures are not verified (no SWITCHYARD_CREDENTIALS): any credentials are accepted',
    );
  }
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  log.log(
    `listening on ${config.host}:${port} (account ${config.accountId}, region ${config.region}, Redis ${redisUrl})`,
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Keep-alive clients would hold the drain open until their sockets time out: close each
      // connection as soon as its last response is written.
      const httpServer = app.getHttpServer() as Server;
      const sweeper = setInterval(() => httpServer.closeIdleConnections(), 50);
      try {
        await app.close();
      } finally {
        clearInterval(sweeper);
      }
      await embedded?.stop();
    })());
  return { app, url, redisUrl, close };
}

/** Runs an app as the process's main: exits non-zero on a boot failure, drains on SIGTERM/SIGINT. */
export async function runMain<C extends RuntimeConfig>(options: RunAppOptions<C>): Promise<void> {
  const log = new Logger(options.name);
  let running: RunningApp;
  try {
    running = await runApp(options);
  } catch (e) {
    log.error((e as Error).message);
    process.exit(1);
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.log(`${signal}: draining`);
      running.close().then(
        () => process.exit(0),
        (e) => {
          log.error(`shutdown failed: ${(e as Error).message}`);
          process.exit(1);
        },
      );
    });
  }
}
