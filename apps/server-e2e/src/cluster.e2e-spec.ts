import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { freePort } from '@switchyard/redis';
import { EdgeProxy } from './test-support/edge-proxy';
import { LocalCluster } from './test-support/local-cluster';
import { ServerProcess } from './test-support/server-process';
import { TEST_ROLE } from './test-support/step-functions';

const ROOT = join(__dirname, '..', '..', '..');
const GATEWAYS = ['queue-gateway', 'topic-gateway', 'orchestration-gateway'] as const;
type Gateway = (typeof GATEWAYS)[number];

/** The e2e suites run through the edge: each drives its service only through the AWS SDKs or CLIs. */
const SUITES = [
  'sqs-basics',
  'sqs-receive-semantics',
  'sqs-redrive',
  'sqs-fifo-ordering',
  'sqs-consumer',
  'sns-publish',
  'sns-http',
  'sfn-state-machines',
  'sfn-integrations',
  'sfn-alerts',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Switchyard as a cluster on one machine: a three-master Redis Cluster, two replicas of each gateway
 * and two executors (each its own process, as `npm run start:<app>` runs them), and nginx with the
 * repository's edge configuration giving them one address.
 */
describe('a cluster: two replicas of each gateway, two executors, a three-master Redis Cluster', () => {
  const redis = new LocalCluster();
  let edge: EdgeProxy;
  const gateways = {} as Record<Gateway, ServerProcess[]>;
  const executors: ServerProcess[] = [];
  const all = () => [...GATEWAYS.flatMap((g) => gateways[g] ?? []), ...executors];
  const clients: { destroy(): void }[] = [];
  const settings = () => ({
    endpoint: edge.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDCLUSTER', secretAccessKey: 'secret' },
    // A request cut by a SIGKILL answers 502 at the edge: the SDKs retry it, as they would on AWS.
    maxAttempts: 5,
  });
  const client = <T extends { destroy(): void }>(c: T): T => {
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    await redis.start();
    edge = await EdgeProxy.onFreePort();
    // Every process hands out the edge in queue URLs, and one topic gateway's HTTPS port as the SNS
    // signing certificate's (the certificate is shared through Redis, so any replica's would do).
    const certPort = await freePort();
    const shared = {
      SWITCHYARD_PUBLIC_URL: edge.url,
      SWITCHYARD_PUBLIC_TLS_URL: `https://127.0.0.1:${certPort}`,
    };
    const prefix = `cl${randomUUID().slice(0, 6)}`;
    const spawnApp = async (app: string, env: Record<string, string> = {}) =>
      new ServerProcess(await freePort(), redis.url, prefix, { ...shared, ...env }, app);
    for (const g of GATEWAYS) {
      gateways[g] = [
        await spawnApp(g, g === 'topic-gateway' ? { SWITCHYARD_TLS_PORT: String(certPort) } : {}),
        await spawnApp(g),
      ];
    }
    executors.push(await spawnApp('executor'), await spawnApp('executor'));
    await Promise.all(all().map((p) => p.start(120_000)));
    const at = (g: Gateway) => gateways[g].map((p) => `127.0.0.1:${p.port}`);
    await edge.start({
      queue: at('queue-gateway'),
      topic: at('topic-gateway'),
      orchestration: at('orchestration-gateway'),
    });
  }, 240_000);

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await edge?.stop();
    await Promise.all(all().map((p) => p.kill('SIGTERM')));
    await redis.stop();
  }, 60_000);

  it('passes the SQS, SNS and workflow e2e suites through the edge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-suites-'));
    const results = join(dir, 'results.json');
    try {
      const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const jest = spawn(
          process.execPath,
          [
            join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
            '--runInBand',
            '--ci',
            '--json',
            `--outputFile=${results}`,
            ...SUITES.map((s) => `apps/server-e2e/src/${s}.e2e-spec.ts`),
          ],
          {
            cwd: ROOT,
            env: { ...process.env, SWITCHYARD_E2E_ENDPOINT: edge.url },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let text = '';
        const keep = (chunk: Buffer) => {
          text = (text + chunk.toString('utf8')).slice(-20_000);
        };
        jest.stdout.on('data', keep);
        jest.stderr.on('data', keep);
        jest.once('exit', (exitCode) => resolve({ code: exitCode, output: text }));
      });
      const summary = JSON.parse(readFileSync(results, 'utf8')) as {
        numTotalTestSuites: number;
        numPassedTests: number;
        numFailedTests: number;
      };
      if (code !== 0 || summary.numFailedTests > 0) throw new Error(`the suites failed:\n${output}`);
      expect(summary.numTotalTestSuites).toBe(SUITES.length);
      expect(summary.numPassedTests).toBeGreaterThan(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('loses nothing acknowledged when a gateway of each kind and an executor are SIGKILLed under load', async () => {
    const sqs = client(new SQSClient(settings()));
    const sns = client(new SNSClient(settings()));
    const sfn = client(new SFNClient({ ...settings(), disableHostPrefix: true }));
    const queue = async (name: string) =>
      (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
    const arnOf = async (url: string) =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
        .Attributes!.QueueArn!;

    const orders = await queue('load-orders');
    const fanA = await queue('load-fan-a');
    const fanB = await queue('load-fan-b');
    const done = await queue('load-done');
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'load-news' }));
    for (const url of [fanA, fanB])
      await sns.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'sqs',
          Endpoint: await arnOf(url),
          Attributes: { RawMessageDelivery: 'true' },
        }),
      );
    // A durable timer and a service integration per execution: both are executor work.
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'load-flow',
        roleArn: TEST_ROLE,
        definition: JSON.stringify({
          StartAt: 'Pause',
          States: {
            Pause: { Type: 'Wait', Seconds: 1, Next: 'Report' },
            Report: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage',
              Parameters: { QueueUrl: done, 'MessageBody.$': '$.id' },
              End: true,
            },
          },
        }),
      }),
    );

    const sent = new Set<string>();
    const published = new Set<string>();
    const started = new Map<string, string>();
    const refused: string[] = [];
    let loading = true;
    const loop = async (work: () => Promise<void>) => {
      while (loading) {
        try {
          await work();
        } catch (e) {
          // Not acknowledged: the client saw a failure (its retries ran out), so nothing is owed.
          refused.push((e as Error).name);
        }
      }
    };
    const sendBatch = async () => {
      const bodies = Array.from({ length: 10 }, () => `order-${randomUUID()}`);
      const answer = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: orders,
          Entries: bodies.map((MessageBody, i) => ({ Id: String(i), MessageBody })),
        }),
      );
      for (const ok of answer.Successful ?? []) sent.add(bodies[Number(ok.Id)]);
    };
    const publish = async () => {
      const message = `news-${randomUUID()}`;
      await sns.send(new PublishCommand({ TopicArn, Message: message }));
      published.add(message);
    };
    const start = async () => {
      const id = randomUUID();
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn, name: id, input: JSON.stringify({ id }) }),
      );
      started.set(id, executionArn!);
    };
    const load = [
      ...Array.from({ length: 3 }, () => loop(sendBatch)),
      ...Array.from({ length: 2 }, () => loop(publish)),
      ...Array.from({ length: 2 }, () => loop(start)),
    ];

    await sleep(4_000);
    const before = { sent: sent.size, published: published.size, started: started.size };
    const victims = [...GATEWAYS.map((g) => gateways[g][0]), executors[0]];
    await Promise.all(victims.map((p) => p.kill('SIGKILL')));
    await sleep(6_000);
    loading = false;
    await Promise.all(load);
    const after = { sent: sent.size, published: published.size, started: started.size };
    // Work went on after the kill, through the surviving replicas.
    expect(after.sent).toBeGreaterThan(before.sent);
    expect(after.published).toBeGreaterThan(before.published);
    expect(after.started).toBeGreaterThan(before.started);

    /** Receives and deletes from a queue until every body in `expected` has arrived. */
    const drain = async (url: string, expected: ReadonlySet<string>) => {
      const seen = new Map<string, number>();
      const deadline = Date.now() + 120_000;
      while ([...expected].some((b) => !seen.has(b)) && Date.now() < deadline) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        for (const m of Messages) seen.set(m.Body!, (seen.get(m.Body!) ?? 0) + 1);
        if (Messages.length)
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: url,
              Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
      }
      return {
        lost: [...expected].filter((b) => !seen.has(b)),
        duplicates: [...seen.values()].filter((n) => n > 1).length,
      };
    };
    const ordersOutcome = await drain(orders, sent);
    const fanAOutcome = await drain(fanA, published);
    const fanBOutcome = await drain(fanB, published);
    const doneOutcome = await drain(done, new Set(started.keys()));
    const statuses = new Map<string, number>();
    for (const arn of started.values()) {
      let status = 'RUNNING';
      for (let i = 0; i < 600 && status === 'RUNNING'; i++) {
        status = (await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status!;
        if (status === 'RUNNING') await sleep(100);
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }

    const report = {
      acknowledgedBeforeTheKill: before,
      acknowledged: after,
      refusedAfterRetries: refused.length,
      lost: {
        messages: ordersOutcome.lost.length,
        deliveriesA: fanAOutcome.lost.length,
        deliveriesB: fanBOutcome.lost.length,
        executionReports: doneOutcome.lost.length,
      },
      duplicates: {
        messages: ordersOutcome.duplicates,
        deliveries: fanAOutcome.duplicates + fanBOutcome.duplicates,
        executionReports: doneOutcome.duplicates,
      },
      executions: Object.fromEntries(statuses),
    };
    process.stdout.write(`cluster SIGKILL under load: ${JSON.stringify(report)}\n`);
    expect(report.lost).toEqual({ messages: 0, deliveriesA: 0, deliveriesB: 0, executionReports: 0 });
    expect(report.executions).toEqual({ SUCCEEDED: started.size });
  }, 600_000);
});
