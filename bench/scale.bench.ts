// Scaling out: the same load against one and against two processes of the role that does the work,
// each configuration its own set of app processes on the bench's own durable redis-server (loopback
// TCP, AOF everysec), driven by the AWS SDKs in this process. One JSON object per line on stdout.
// Usage: npm run bench -- scale [--seconds N] [--rounds 2] [--clients 16] [--phases sqs,fanout,workflows]
// Phases:
//   sqs        1 vs 2 queue-gateway processes: --clients loops each send a batch of 10, receive up to
//              10 and delete them, spread over the gateways; messages moved (sent and deleted) a second.
//   fanout     1 vs 2 executors: a topic gateway, a queue gateway and the executors; --clients loops
//              PublishBatch (10) to a topic with 10 SQS subscriptions while a consumer per queue
//              drains it; deliveries a second until every queue has them all.
//   workflows  1 vs 2 executors: an orchestration gateway and the executors; --clients loops start
//              Standard executions of the 12-transition benchmark workflow for --seconds; durable
//              transitions a second from the first start to the last completion.
// Each line reports the CPU each process spent per 1,000 messages, deliveries or transitions. The
// summary gives, per phase, the median of the rounds and the ratio two processes : one. On a machine
// with fewer cores than processes the ratio says what a second process costs, not what it would add
// on a machine of its own. Progress on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { CreateTopicCommand, PublishBatchCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { benchArgs, emitLine, median } from './bench-args';
import { CpuMeter } from './sqs/process-cpu';
import { type RunningTarget, startSwitchyardApps } from './sqs/targets';
import { BENCHMARK_INPUT, BENCHMARK_TRANSITIONS, BENCHMARK_WORKFLOW } from './workflows/benchmark-workflow';

type Phase = 'sqs' | 'fanout' | 'workflows';
const ROOT = join(__dirname, '..');
const ROLE = 'arn:aws:iam::000000000000:role/BenchRole';
const SUBSCRIPTIONS = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const progress = (msg: string) => process.stderr.write(`[scale bench] ${msg}\n`);

function options() {
  const args = benchArgs(process.argv.slice(2), ['seconds', 'rounds', 'clients', 'phases']);
  const num = (name: string, fallback: number) => Number(args.get(name) ?? fallback);
  return {
    seconds: num('seconds', 10),
    rounds: num('rounds', 2),
    clients: num('clients', 16),
    phases: (args.get('phases') ?? 'sqs,fanout,workflows').split(',') as Phase[],
  };
}
type Options = ReturnType<typeof options>;

/** The processes of each phase's two configurations; `scaled` is the role counted, once and twice. */
const CONFIGURATIONS: Record<Phase, { scaled: string; apps: (n: number) => string[] }> = {
  sqs: { scaled: 'queue-gateway', apps: (n) => Array<string>(n).fill('queue-gateway') },
  fanout: {
    scaled: 'executor',
    apps: (n) => ['topic-gateway', 'queue-gateway', ...Array<string>(n).fill('executor')],
  },
  workflows: {
    scaled: 'executor',
    apps: (n) => ['orchestration-gateway', ...Array<string>(n).fill('executor')],
  },
};

const settings = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'secret' },
  maxAttempts: 1,
});

/** The endpoints of the processes running `app`, for clients to spread over. */
function endpointsOf(target: RunningTarget, app: string): string[] {
  return (target.processes ?? []).filter((p) => p.app === app).map((p) => p.endpoint);
}

/** `clients` loops calling `call` for `seconds`. */
async function loops(clients: number, seconds: number, call: (loop: number) => Promise<void>) {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, loop) => {
      while (performance.now() - started < seconds * 1000) await call(loop);
    }),
  );
}

/** CPU per process (and the Redis) over a measurement, per 1,000 units of work. */
class ProcessCpu {
  private readonly meters: { name: string; meter: CpuMeter }[];

  constructor(target: RunningTarget) {
    const pids = [
      ...(target.processes ?? []).map((p, i) => ({ name: `${i}:${p.app}`, pid: p.pid })),
      ...(target.redisPid ? [{ name: 'redis-server', pid: target.redisPid }] : []),
    ];
    this.meters = pids.map(({ name, pid }) => ({ name, meter: new CpuMeter(pid) }));
  }

  begin(): void {
    for (const m of this.meters) m.meter.begin();
  }

  end(): void {
    for (const m of this.meters) m.meter.end();
  }

  perThousand(units: number): Record<string, number> {
    return Object.fromEntries(
      this.meters.map(({ name, meter }) => {
        const seconds = Object.values(meter.seconds).reduce((a, b) => a + b, 0);
        return [name, units > 0 ? Math.round((seconds * 1e6) / units) / 1000 : 0];
      }),
    );
  }
}

async function sqsPhase(target: RunningTarget, o: Options, runId: string) {
  const endpoints = endpointsOf(target, 'queue-gateway');
  const clients = Array.from(
    { length: o.clients },
    (_, i) => new SQSClient(settings(endpoints[i % endpoints.length])),
  );
  const url = (await clients[0].send(new CreateQueueCommand({ QueueName: `scale-${runId}` }))).QueueUrl!;
  let moved = 0;
  const cpu = new ProcessCpu(target);
  cpu.begin();
  const started = performance.now();
  await loops(o.clients, o.seconds, async (loop) => {
    const sqs = clients[loop];
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `message ${i}` })),
      }),
    );
    moved += sent.Successful?.length ?? 0;
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return;
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    moved += deleted.Successful?.length ?? 0;
  });
  const seconds = (performance.now() - started) / 1000;
  cpu.end();
  clients.forEach((c) => c.destroy());
  return { perSecond: Math.round(moved / seconds), unit: 'messages sent + deleted', units: moved, cpu };
}

async function fanoutPhase(target: RunningTarget, o: Options, runId: string) {
  const [topicEndpoint] = endpointsOf(target, 'topic-gateway');
  const [queueEndpoint] = endpointsOf(target, 'queue-gateway');
  const sns = new SNSClient(settings(topicEndpoint));
  const consumers = Array.from({ length: SUBSCRIPTIONS }, () => new SQSClient(settings(queueEndpoint)));
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: `scale-${runId}` }))).TopicArn!;
  const queues: string[] = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const url = (await consumers[0].send(new CreateQueueCommand({ QueueName: `scale-${runId}-${i}` })))
      .QueueUrl!;
    const arn = (
      await consumers[0].send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))
    ).Attributes!.QueueArn!;
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: arn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    queues.push(url);
  }
  let published = 0;
  let delivered = 0;
  let publishing = true;
  const cpu = new ProcessCpu(target);
  cpu.begin();
  const started = performance.now();
  const draining = queues.map(async (url, i) => {
    while (publishing || delivered < published * SUBSCRIPTIONS) {
      const { Messages = [] } = await consumers[i].send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      if (Messages.length === 0) {
        if (performance.now() - started > o.seconds * 1000 + 120_000) return;
        continue;
      }
      delivered += Messages.length;
      await consumers[i].send(
        new DeleteMessageBatchCommand({
          QueueUrl: url,
          Entries: Messages.map((m, j) => ({ Id: `d${j}`, ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
  });
  await loops(o.clients, o.seconds, async (loop) => {
    const out = await sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: Array.from({ length: 10 }, (_, i) => ({
          Id: `e${i}`,
          Message: `publisher ${loop} message ${i}`,
        })),
      }),
    );
    published += out.Successful?.length ?? 0;
  });
  publishing = false;
  await Promise.all(draining);
  const seconds = (performance.now() - started) / 1000;
  cpu.end();
  sns.destroy();
  consumers.forEach((c) => c.destroy());
  const complete = delivered >= published * SUBSCRIPTIONS;
  return { perSecond: Math.round(delivered / seconds), unit: 'deliveries', units: delivered, cpu, complete };
}

async function workflowsPhase(target: RunningTarget, o: Options, runId: string) {
  const [endpoint] = endpointsOf(target, 'orchestration-gateway');
  const clients = Array.from(
    { length: o.clients },
    () => new SFNClient({ ...settings(endpoint), disableHostPrefix: true }),
  );
  const { stateMachineArn } = await clients[0].send(
    new CreateStateMachineCommand({
      name: `scale-${runId}`,
      roleArn: ROLE,
      definition: JSON.stringify(BENCHMARK_WORKFLOW),
    }),
  );
  const input = JSON.stringify(BENCHMARK_INPUT);
  const arns: string[] = [];
  const cpu = new ProcessCpu(target);
  cpu.begin();
  const started = performance.now();
  await loops(o.clients, o.seconds, async (loop) => {
    const out = await clients[loop].send(new StartExecutionCommand({ stateMachineArn, input }));
    arns.push(out.executionArn!);
  });
  // Executions end roughly in start order: follow them with a cursor, 64 at a time.
  let done = 0;
  const deadline = performance.now() + 300_000;
  while (done < arns.length && performance.now() < deadline) {
    const statuses = await Promise.all(
      arns
        .slice(done, done + 64)
        .map((executionArn, i) =>
          clients[i % clients.length]
            .send(new DescribeExecutionCommand({ executionArn }))
            .then((d) => d.status),
        ),
    );
    const running = statuses.indexOf('RUNNING');
    done += running === -1 ? statuses.length : running;
    if (running !== -1) await sleep(20);
  }
  const seconds = (performance.now() - started) / 1000;
  cpu.end();
  clients.forEach((c) => c.destroy());
  const transitions = done * BENCHMARK_TRANSITIONS;
  return {
    perSecond: Math.round(transitions / seconds),
    unit: 'durable transitions',
    units: transitions,
    cpu,
    complete: done === arns.length,
  };
}

const PHASES = { sqs: sqsPhase, fanout: fanoutPhase, workflows: workflowsPhase };

async function main(): Promise<void> {
  const o = options();
  const workDir = mkdtempSync(join(tmpdir(), 'scale-bench-'));
  const runId = randomUUID().slice(0, 8);
  const summary: Record<string, unknown> = {};
  try {
    for (const phase of o.phases) {
      const { scaled, apps } = CONFIGURATIONS[phase];
      const perSecond: Record<number, number[]> = { 1: [], 2: [] };
      // Rounds alternate between the configurations, so that other load on the machine falls on both.
      for (let round = 1; round <= o.rounds; round++)
        for (const n of [1, 2]) {
          const names = apps(n);
          progress(`${phase}, round ${round} of ${o.rounds}: ${names.join(', ')}`);
          const target = await startSwitchyardApps(
            `${phase}-${n}`,
            {
              root: ROOT,
              workDir,
              serverNodeFlags: [],
              keyPrefix: `scale${runId}`,
            },
            names,
          );
          try {
            const r = await PHASES[phase](target, o, `${runId}-${round}-${n}`);
            perSecond[n].push(r.perSecond);
            emitLine({
              bench: 'scale',
              phase,
              round,
              scaled,
              scaledProcesses: n,
              processes: names,
              clients: o.clients,
              seconds: o.seconds,
              unit: r.unit,
              units: r.units,
              perSecond: r.perSecond,
              ...('complete' in r ? { complete: r.complete } : {}),
              cpuSecondsPerThousand: r.cpu.perThousand(r.units),
              ...target.info,
            });
          } finally {
            await target.stop();
          }
        }
      const one = median(perSecond[1]);
      const two = median(perSecond[2]);
      summary[phase] = {
        scaled,
        perSecondWithOne: one,
        perSecondWithTwo: two,
        ratioTwoToOne: one > 0 ? Math.round((two / one) * 100) / 100 : null,
      };
    }
    emitLine({
      bench: 'scale',
      metric: 'summary',
      rounds: o.rounds,
      cores: availableParallelism(),
      ...summary,
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
