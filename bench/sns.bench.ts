// Topics (SNS) fan-out: Switchyard (durable, Redis AOF) against fauxqs (in memory), each a child
// process, driven from this process. One JSON object per line on stdout.
// Usage: npm run bench -- sns [--seconds N] [--rounds 3] [--warmup-seconds 2] [--publishers 16]
//        [--subscriptions 10] [--filter-subscriptions 10000] [--latency-rate 200]
//        [--targets fauxqs,switchyard] [--phases fanout,publish,latency,filter] [--client lean|sdk]
// --client says what sends the rate phases' load (fanout, publish, filter):
//   lean     (default) LeanAwsClient: signed requests over keep-alive node:http, bodies written and
//            read directly, about a tenth of the SDK's CPU a request. It leaves this process well
//            under a core, so the rates measure the targets.
//   sdk      @aws-sdk/client-sns and -sqs, as an application would. On a 2-core machine this process
//            then needs about a whole core, and the rates measure it more than the targets.
//   Topics, queues and subscriptions are always made with the SDK, and the latency phase always uses it.
// Phases:
//   fanout   16 publishers send PublishBatch (10 messages) to a topic with 10 SQS subscriptions for
//            --seconds while one consumer per queue drains it; publish rate, and deliveries received
//            per second until every queue has them all; --rounds rounds alternating between the
//            targets, then the median of each, the ratios, and the median server CPU per message
//            delivered (less sensitive to this client than the rates). Each target first runs one unrecorded
//            round of --warmup-seconds (default 2; 0 skips it), so no round measures a cold JIT. The
//            bench's own CPU while publishing and while draining is reported too: when it is near
//            a whole core, the rates measure this client, not the target. So are the messages a
//            ReceiveMessage returned on average (a consumer pays the same for a call of 1 or 10).
//   publish  the fan-out phase's publishers and topic with no consumers: publish rate, and the server's
//            CPU per message published and fanned out (until every queue holds every message); rounds
//            and a warm-up as in fanout. It measures the topic service apart from the consumers' receives.
//   latency  paced publishes (--latency-rate a second) to a topic with one SQS subscription; the time
//            from Publish to ReceiveMessage, p50 and p99.
//   filter   a topic with 10,000 subscriptions, each with a filter policy, of which 1% match every
//            message; publish rate and deliveries per second. (The 9,900 that never match name queues
//            that do not exist, which is never noticed since nothing is delivered to them.)
// Progress on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { benchArgs, emitLine, median } from './bench-args';
import {
  BENCH_CLIENT_SETTINGS,
  type FanoutLoad,
  fanoutLoad,
  LOAD_CLIENT_KINDS,
  type LoadClientKind,
} from './sns/fanout-load';
import { CpuMeter } from './sqs/process-cpu';
import { summarize } from './sqs/stats';
import { type RunningTarget, startTarget, type TargetName } from './sqs/targets';

type Phase = 'fanout' | 'publish' | 'latency' | 'filter';
const ROOT = join(__dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const progress = (msg: string) => process.stderr.write(`[sns bench] ${msg}\n`);
const emit = emitLine;
const round2 = (n: number) => Math.round(n * 100) / 100;
const cpuSecondsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

function loadClient(name: string): LoadClientKind {
  if (!(LOAD_CLIENT_KINDS as readonly string[]).includes(name))
    throw new Error(`--client is one of ${LOAD_CLIENT_KINDS.join(', ')}, not ${name}`);
  return name as LoadClientKind;
}

function options() {
  const args = benchArgs(process.argv.slice(2), [
    'seconds',
    'publishers',
    'subscriptions',
    'filter-subscriptions',
    'latency-rate',
    'targets',
    'phases',
    'rounds',
    'warmup-seconds',
    'client',
  ]);
  const num = (name: string, fallback: number) => Number(args.get(name) ?? fallback);
  return {
    seconds: num('seconds', 10),
    rounds: num('rounds', 3),
    warmupSeconds: num('warmup-seconds', 2),
    publishers: num('publishers', 16),
    subscriptions: num('subscriptions', 10),
    filterSubscriptions: num('filter-subscriptions', 10_000),
    latencyRate: num('latency-rate', 200),
    targets: (args.get('targets') ?? 'fauxqs,switchyard').split(',') as TargetName[],
    phases: (args.get('phases') ?? 'fanout,publish,latency,filter').split(',') as Phase[],
    client: loadClient(args.get('client') ?? 'lean'),
  };
}

/** SDK clients that set a phase up (topics, queues, subscriptions); the load goes through a FanoutLoad. */
interface Clients {
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
}

function clientsFor(target: RunningTarget): Clients {
  const settings = { ...BENCH_CLIENT_SETTINGS, endpoint: target.endpoint };
  return { sns: new SNSClient(settings), sqs: new SQSClient(settings) };
}

async function queueWithArn(sqs: SQSClient, name: string): Promise<{ url: string; arn: string }> {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return { url, arn: attrs.Attributes!.QueueArn! };
}

/**
 * Receives and deletes until `until()` says stop; calls `onMessage` with each body, and `onReceive`
 * with the number of messages each ReceiveMessage returned.
 */
async function consume(
  load: FanoutLoad,
  url: string,
  until: () => boolean,
  onMessage: (body: string) => void,
  onReceive: (count: number) => void = () => undefined,
) {
  while (!until()) {
    const messages = await load.receive(url);
    onReceive(messages.length);
    if (messages.length === 0) continue;
    for (const m of messages) onMessage(m.body);
    await load.deleteBatch(
      url,
      messages.map((m) => m.receiptHandle),
    );
  }
}

/** `publishers` loops send PublishBatch (10 messages) from `started` for `seconds`, counting what was accepted. */
async function publishBatches(
  load: FanoutLoad,
  topicArn: string,
  started: number,
  seconds: number,
  publishers: number,
  accepted: (count: number) => void,
  attributes?: Record<string, string>,
) {
  await Promise.all(
    Array.from({ length: publishers }, async (_, p) => {
      for (let n = 0; performance.now() - started < seconds * 1000; n++) {
        const messages = Array.from({ length: 10 }, (_, i) => `p${p}-${n}-${i}`);
        accepted(await load.publishBatch(topicArn, messages, attributes));
      }
    }),
  );
}

/** Publishers send batches for `seconds`; consumers drain every queue until it has all of them. */
async function publishAndDrain(
  kind: LoadClientKind,
  target: RunningTarget,
  topicArn: string,
  queues: { url: string }[],
  seconds: number,
  publishers: number,
  attributes?: Record<string, string>,
) {
  const publisher = fanoutLoad(kind, target.endpoint);
  const consumerLoads = queues.map(() => fanoutLoad(kind, target.endpoint));
  let published = 0;
  let delivered = 0;
  let receives = 0;
  let publishing = true;
  const started = performance.now();
  const clientCpuAtStart = process.cpuUsage();
  const consumers = queues.map((q, i) =>
    consume(
      consumerLoads[i],
      q.url,
      () => !publishing && delivered >= published * queues.length,
      () => delivered++,
      () => receives++,
    ),
  );
  await publishBatches(
    publisher,
    topicArn,
    started,
    seconds,
    publishers,
    (n) => (published += n),
    attributes,
  );
  const publishSeconds = (performance.now() - started) / 1000;
  const clientCpuPublishing = cpuSecondsSince(clientCpuAtStart);
  const clientCpuAtDrain = process.cpuUsage();
  const deliveredWhilePublishing = delivered;
  const receivesWhilePublishing = receives;
  publishing = false;
  const deadline = performance.now() + 120_000;
  while (delivered < published * queues.length && performance.now() < deadline) await sleep(50);
  const drainedSeconds = (performance.now() - started) / 1000;
  const clientCpuDraining = cpuSecondsSince(clientCpuAtDrain);
  await Promise.race([Promise.all(consumers), sleep(3000)]);
  for (const load of [publisher, ...consumerLoads]) load.close();
  return {
    published,
    delivered,
    deliveredWhilePublishing,
    publishSeconds,
    drainedSeconds,
    // Messages per ReceiveMessage (of at most 10), while publishing and while draining after: each
    // call costs this client the same, so fewer messages per call cost it more per message.
    messagesPerReceive: {
      publishing: round2(deliveredWhilePublishing / Math.max(receivesWhilePublishing, 1)),
      draining: round2(
        (delivered - deliveredWhilePublishing) / Math.max(receives - receivesWhilePublishing, 1),
      ),
    },
    // This process's CPU (the load generator), in cores, while publishing and while draining after.
    clientCoresBusy: {
      publishing: round2(clientCpuPublishing / publishSeconds),
      draining: round2(clientCpuDraining / Math.max(drainedSeconds - publishSeconds, 0.001)),
    },
  };
}

/** A topic with `subscriptions` queues subscribed raw, for a fan-out round. */
async function fanoutTopic(clients: Clients, runId: string, subscriptions: number) {
  const topicArn = (await clients.sns.send(new CreateTopicCommand({ Name: `fan-${runId}` }))).TopicArn!;
  const queues = [];
  for (let i = 0; i < subscriptions; i++) {
    const q = await queueWithArn(clients.sqs, `fan-${runId}-${i}`);
    await clients.sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: q.arn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    queues.push(q);
  }
  return { topicArn, queues };
}

async function fanout(
  target: RunningTarget,
  o: ReturnType<typeof options>,
  runId: string,
  base: object,
  seconds = o.seconds,
) {
  const clients = clientsFor(target);
  const { topicArn, queues } = await fanoutTopic(clients, runId, o.subscriptions);
  const cpu = new CpuMeter(target.cpuPids);
  cpu.begin();
  const r = await publishAndDrain(o.client, target, topicArn, queues, seconds, o.publishers);
  cpu.end();
  const line = {
    ...base,
    metric: 'fanout',
    // Server (and its Redis) CPU per message received by a subscriber: less sensitive than rates to the
    // load generator sharing the machine.
    ...cpu.report(r.drainedSeconds, r.delivered),
    subscriptions: o.subscriptions,
    publishers: o.publishers,
    published: r.published,
    publishedPerSecond: Math.round(r.published / r.publishSeconds),
    delivered: r.delivered,
    deliveredPerSecond: Math.round(r.delivered / r.drainedSeconds),
    // Received by the consumers while the publishers ran: the client's CPU is shared between the two.
    receivedWhilePublishingPerSecond: Math.round(r.deliveredWhilePublishing / r.publishSeconds),
    allDelivered: r.delivered >= r.published * o.subscriptions,
    drainedSeconds: Math.round(r.drainedSeconds * 10) / 10,
    messagesPerReceive: r.messagesPerReceive,
    clientCoresBusy: r.clientCoresBusy,
  };
  return line;
}

/** Publishers alone for `seconds`, then the wait until every queue holds every message published. */
async function publishOnly(
  target: RunningTarget,
  o: ReturnType<typeof options>,
  runId: string,
  base: object,
  seconds = o.seconds,
) {
  const clients = clientsFor(target);
  const { topicArn, queues } = await fanoutTopic(clients, runId, o.subscriptions);
  const publisher = fanoutLoad(o.client, target.endpoint);
  const cpu = new CpuMeter(target.cpuPids);
  cpu.begin();
  const started = performance.now();
  let published = 0;
  await publishBatches(publisher, topicArn, started, seconds, o.publishers, (n) => (published += n));
  const publishSeconds = (performance.now() - started) / 1000;
  publisher.close();
  const deadline = performance.now() + 120_000;
  let holding = 0;
  while (performance.now() < deadline) {
    const counts = await Promise.all(
      queues.map(async (q) => {
        const out = await clients.sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
        );
        return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
      }),
    );
    holding = counts.reduce((a, b) => a + b, 0);
    if (holding >= published * queues.length) break;
    await sleep(50);
  }
  const fannedOutSeconds = (performance.now() - started) / 1000;
  cpu.end();
  // Not measured: the queues go, so the rounds' messages do not pile up in the target.
  await Promise.all(queues.map((q) => clients.sqs.send(new DeleteQueueCommand({ QueueUrl: q.url }))));
  return {
    ...base,
    metric: 'publish',
    // Server (and its Redis) CPU per message published, fanned out to every queue included.
    ...cpu.report(fannedOutSeconds, published),
    subscriptions: o.subscriptions,
    publishers: o.publishers,
    published,
    publishedPerSecond: Math.round(published / publishSeconds),
    fannedOut: holding >= published * queues.length,
    fannedOutSeconds: Math.round(fannedOutSeconds * 10) / 10,
  };
}

/** A phase measured in rounds: one round against `target`, its result line and rates by name. */
type RoundPhase = (
  target: RunningTarget,
  runId: string,
  base: object,
  seconds?: number,
) => Promise<Record<string, unknown>>;

/** The round lines' server CPU per message (CpuMeter.report), in µs. */
const SERVER_CPU = 'cpuMicrosPerMessage';

/**
 * A phase in rounds that alternate between the targets, so that load from elsewhere on a shared
 * machine falls on every target alike, after one unrecorded warm-up round per target; then the
 * median of each target's rounds of each rate, and Switchyard's ratio to fauxqs. The median of the
 * server's CPU per message (cpuMicrosPerMessage: the round's messages delivered, or published and
 * fanned out) is reported beside them: it is far less sensitive than a rate to the load generator
 * and to other load on the machine, and lower is better, so it is not a ratio with a target.
 */
async function alternatingRounds(
  phase: Phase,
  targets: RunningTarget[],
  o: ReturnType<typeof options>,
  runId: string,
  run: RoundPhase,
  rates: readonly string[],
) {
  if (o.warmupSeconds > 0)
    for (const target of targets) {
      progress(`${target.name}: ${phase} warm-up (${o.warmupSeconds} s, not recorded)`);
      await run(target, `${runId}-${phase}-warm`, {}, o.warmupSeconds);
    }
  const figures = new Map<string, Map<string, number[]>>();
  const kept = [...rates, SERVER_CPU];
  for (let round = 1; round <= o.rounds; round++) {
    for (const target of targets) {
      progress(`${target.name}: ${phase}, round ${round} of ${o.rounds}`);
      const base = { bench: 'sns', phase, round, target: target.name, client: o.client, ...target.info };
      try {
        const line = await run(target, `${runId}-${phase}-r${round}`, base);
        emit(line);
        const byRate = figures.get(target.name) ?? new Map<string, number[]>();
        for (const rate of kept) byRate.set(rate, [...(byRate.get(rate) ?? []), Number(line[rate])]);
        figures.set(target.name, byRate);
      } catch (e) {
        emit({ ...base, metric: 'error', error: String((e as Error).message ?? e) });
      }
    }
  }
  const medians = Object.fromEntries(
    [...figures].map(([name, byRate]) => [
      name,
      Object.fromEntries(kept.map((rate) => [rate, median(byRate.get(rate) ?? [])])),
    ]),
  );
  const ratio = (a?: number, b?: number) => (a && b ? Math.round((a / b) * 100) / 100 : null);
  const vsFauxqs = (rate: string) => `${rate.replace(/PerSecond$/, '')}VsFauxqs`;
  emit({
    bench: 'sns',
    phase,
    metric: `${phase} summary`,
    client: o.client,
    rounds: o.rounds,
    medians,
    ...Object.fromEntries(
      rates.map((rate) => [vsFauxqs(rate), ratio(medians.switchyard?.[rate], medians.fauxqs?.[rate])]),
    ),
    targets: Object.fromEntries(rates.map((rate) => [vsFauxqs(rate), 1])),
  });
}

async function latency(target: RunningTarget, o: ReturnType<typeof options>, runId: string, base: object) {
  const clients = clientsFor(target);
  const topicArn = (await clients.sns.send(new CreateTopicCommand({ Name: `lat-${runId}` }))).TopicArn!;
  const q = await queueWithArn(clients.sqs, `lat-${runId}`);
  await clients.sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: q.arn,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );
  const latencies: number[] = [];
  const total = Math.round(o.latencyRate * o.seconds);
  let received = 0;
  // What an SDK user sees: at this pace the SDK's cost does not hold the consumers back.
  const loads = Array.from({ length: 4 }, () => fanoutLoad('sdk', target.endpoint));
  const consumers = loads.map((load) =>
    consume(
      load,
      q.url,
      () => received >= total,
      (body) => {
        received++;
        latencies.push(performance.now() - Number(body));
      },
    ),
  );
  const started = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / o.latencyRate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    sends.push(
      clients.sns.send(new PublishCommand({ TopicArn: topicArn, Message: String(performance.now()) })),
    );
  }
  await Promise.all(sends);
  await Promise.race([Promise.all(consumers), sleep(30_000)]);
  for (const load of loads) load.close();
  emit({
    ...base,
    metric: 'publish-to-receive latency ms',
    ratePerSecond: o.latencyRate,
    ...summarize(latencies),
  });
}

async function filter(target: RunningTarget, o: ReturnType<typeof options>, runId: string, base: object) {
  const matching = Math.max(1, Math.round(o.filterSubscriptions / 100));
  const clients = clientsFor(target);
  const topicArn = (await clients.sns.send(new CreateTopicCommand({ Name: `flt-${runId}` }))).TopicArn!;
  const queues: { url: string; arn: string }[] = [];
  for (let i = 0; i < matching; i++) queues.push(await queueWithArn(clients.sqs, `flt-${runId}-${i}`));
  const arnPrefix = queues[0].arn.slice(0, queues[0].arn.lastIndexOf(':') + 1);
  progress(`${target.name}: subscribing ${o.filterSubscriptions} filtered endpoints`);
  const subscribeStarted = performance.now();
  for (let i = 0; i < o.filterSubscriptions; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, o.filterSubscriptions - i) }, (_, j) => {
        const n = i + j;
        const hit = n % 100 === 0 && n / 100 < matching;
        const endpoint = hit ? queues[n / 100].arn : `${arnPrefix}flt-${runId}-never-${n}`;
        const policy = hit ? { kind: ['order'] } : { kind: [`other-${n}`] };
        return clients.sns.send(
          new SubscribeCommand({
            TopicArn: topicArn,
            Protocol: 'sqs',
            Endpoint: endpoint,
            Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify(policy) },
          }),
        );
      }),
    );
  }
  const subscribeSeconds = (performance.now() - subscribeStarted) / 1000;
  // Every message carries the attribute the matching policies want.
  const r = await publishAndDrain(o.client, target, topicArn, queues, o.seconds, o.publishers, {
    kind: 'order',
  });
  emit({
    ...base,
    metric: 'filtered fanout',
    subscriptions: o.filterSubscriptions,
    matching,
    subscribeSeconds: Math.round(subscribeSeconds * 10) / 10,
    published: r.published,
    publishedPerSecond: Math.round(r.published / r.publishSeconds),
    delivered: r.delivered,
    deliveredPerSecond: Math.round(r.delivered / r.drainedSeconds),
    allDelivered: r.delivered >= r.published * matching,
  });
}

/** The phases measured in alternating rounds: what runs one round, and the rates compared. */
const ROUND_PHASES = {
  fanout: { run: fanout, rates: ['publishedPerSecond', 'deliveredPerSecond'] },
  publish: { run: publishOnly, rates: ['publishedPerSecond'] },
} as const;

async function main(): Promise<void> {
  const o = options();
  const workDir = mkdtempSync(join(tmpdir(), 'sns-bench-'));
  const runId = randomUUID().slice(0, 8);
  // Switchyard's quotas are raised for the 10,000 filtered subscriptions (as a self-hosted user would).
  process.env.SWITCHYARD_FILTER_POLICIES_PER_TOPIC = String(o.filterSubscriptions * 2);
  process.env.SWITCHYARD_FILTER_POLICIES_PER_ACCOUNT = String(o.filterSubscriptions * 4);
  const targets: RunningTarget[] = [];
  try {
    for (const name of o.targets) {
      progress(`starting ${name}`);
      targets.push(
        await startTarget(name, {
          root: ROOT,
          workDir,
          serverNodeFlags: process.env.SNS_BENCH_CPU_PROF
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SNS_BENCH_CPU_PROF}`]
            : [],
          keyPrefix: `snsbench${runId}`,
          redisUrl: process.env.REDIS_URL,
        }),
      );
    }
    for (const phase of o.phases) {
      const rounds = ROUND_PHASES[phase as keyof typeof ROUND_PHASES];
      if (rounds) {
        await alternatingRounds(
          phase,
          targets,
          o,
          runId,
          (t, id, base, seconds) => rounds.run(t, o, id, base, seconds),
          rounds.rates,
        );
        continue;
      }
      for (const target of targets) {
        const base = { bench: 'sns', phase, target: target.name, client: o.client, ...target.info };
        progress(`${target.name}: ${phase}`);
        try {
          if (phase === 'latency') await latency(target, o, runId, base);
          else await filter(target, o, runId, base);
        } catch (e) {
          emit({ ...base, metric: 'error', error: String((e as Error).message ?? e) });
        }
      }
    }
  } finally {
    for (const t of targets) await t.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
