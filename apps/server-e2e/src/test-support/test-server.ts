import { randomUUID } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { freePort } from '@switchyard/redis';
import { runApp, type RunningApp } from '@switchyard/runtime';
import { loadServerConfig, ServerModule } from '@switchyard/server-app';

export { freePort };

/** A Switchyard server started in this process on a free port, with its own key prefix in the test Redis. */
export interface TestServer {
  readonly url: string;
  readonly keyPrefix: string;
  readonly redisUrl: string;
  readonly running: RunningApp;
  sqs(): SQSClient;
  sns(): SNSClient;
  /** Sends StartSyncExecution to the server itself, not to a `sync-` prefixed host. */
  sfn(): SFNClient;
  close(): Promise<void>;
}

/** The Redis the test run uses (scripts/test.mjs starts a private one when REDIS_URL is unset). */
export function testRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run the tests with `npm test`');
  return url;
}

/**
 * Where the suites send their requests instead of a server of their own, when set: the edge of a
 * Switchyard cluster (apps/server-e2e/src/cluster.e2e-spec.ts runs suites against one).
 */
const EXTERNAL_ENDPOINT = 'SWITCHYARD_E2E_ENDPOINT';

/** Starts apps/server in-process; extra environment settings override the defaults. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const external = process.env[EXTERNAL_ENDPOINT];
  if (external) return externalServer(external, env);
  const keyPrefix = `t${randomUUID().slice(0, 8)}`;
  const port = await freePort();
  const tlsPort = await freePort();
  const grpcPort = await freePort();
  const config = loadServerConfig({
    PORT: String(port),
    SWITCHYARD_TLS_PORT: String(tlsPort),
    SWITCHYARD_PUBLIC_TLS_URL: `https://127.0.0.1:${tlsPort}`,
    SWITCHYARD_GRPC_PORT: String(grpcPort),
    HOST: '127.0.0.1',
    REDIS_URL: testRedisUrl(),
    SWITCHYARD_KEY_PREFIX: keyPrefix,
    SWITCHYARD_PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...env,
  });
  const running = await runApp({
    name: 'test-server',
    config,
    module: (c) => ServerModule.forRoot(c),
    logger: ['error'],
  });
  return {
    ...awsClients(running.url, () => running.close()),
    url: running.url,
    keyPrefix,
    redisUrl: running.redisUrl,
    running,
  };
}

/**
 * A server this process does not run: only its AWS APIs are reachable, so a suite that needs settings
 * of its own or reaches into the server (its Redis, its app) cannot run against it.
 */
function externalServer(url: string, env: Record<string, string>): TestServer {
  if (Object.keys(env).length)
    throw new Error(`this suite sets ${Object.keys(env).join(', ')}: it cannot run against ${url}`);
  const unavailable = (what: string) => () => {
    throw new Error(`${what} is not available against ${EXTERNAL_ENDPOINT}=${url}`);
  };
  return Object.defineProperties(
    awsClients(url, async () => undefined),
    {
      url: { value: url },
      keyPrefix: { get: unavailable('keyPrefix') },
      redisUrl: { get: unavailable('redisUrl') },
      running: { get: unavailable('running') },
    },
  ) as TestServer;
}

/** The SDK clients of a test server at `endpoint`; `close` destroys them, then runs `stop`. */
function awsClients(
  endpoint: string,
  stop: () => Promise<void>,
): Pick<TestServer, 'sqs' | 'sns' | 'sfn' | 'close'> {
  const clients: { destroy(): void }[] = [];
  const clientSettings = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  };
  return {
    sqs() {
      const client = new SQSClient(clientSettings);
      clients.push(client);
      return client;
    },
    sns() {
      const client = new SNSClient(clientSettings);
      clients.push(client);
      return client;
    },
    sfn() {
      const client = new SFNClient({ ...clientSettings, disableHostPrefix: true });
      clients.push(client);
      return client;
    },
    async close() {
      for (const c of clients) c.destroy();
      await stop();
    },
  };
}

/**
 * Starts a test server before the enclosing describe block and closes it after. `sqs`, `sns` and `sfn` send
 * through the server's clients; `queue()` creates a queue and returns its URL.
 */
export function useTestServer(env: Record<string, string> = {}) {
  let started:
    { server: TestServer; client: SQSClient; snsClient: SNSClient; sfnClient: SFNClient } | undefined;
  beforeAll(async () => {
    const server = await startTestServer(env);
    started = { server, client: server.sqs(), snsClient: server.sns(), sfnClient: server.sfn() };
  });
  afterAll(() => started?.server.close());
  const current = () => {
    if (!started) throw new Error('the test server starts in beforeAll');
    return started;
  };
  const sqs = { send: ((command: never) => current().client.send(command)) as SQSClient['send'] };
  const sns = { send: ((command: never) => current().snsClient.send(command)) as SNSClient['send'] };
  const sfn = { send: ((command: never) => current().sfnClient.send(command)) as SFNClient['send'] };
  return {
    get server(): TestServer {
      return current().server;
    },
    sqs,
    sns,
    sfn,
    async queue(name: string, attributes: Record<string, string> = {}): Promise<string> {
      return (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
    },
  };
}
