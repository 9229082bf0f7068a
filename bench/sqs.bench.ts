// SQS throughput and latency of Switchyard against fauxqs and a do-nothing SQS endpoint.
// Usage: npm run bench -- sqs [--seconds N] [--wrk-seconds N] [--slices N] [--prefill N]
//        [--targets null,fauxqs,switchyard,switchyard-tcp]
//        [--phases send,receive,receive-long-poll,latency,wrk] [--clients 16] [--latency-rate 1000]
//        [--wait-seconds 1] [--receive-wait-seconds 20]
//        [--wrk-connections 32] [--wrk-threads 1] [--warmup-seconds 1] [--wrk-warmup-seconds 2]
//        [--fsync everysec|always] [--cpu-prof]
// Environment: SQS_BENCH_SECONDS (default for --seconds), REDIS_URL (run the `switchyard` target on
// that Redis under a unique key prefix instead of its own embedded durable redis-server).
//
// Targets: the do-nothing endpoint (the ceiling), fauxqs, Switchyard on its embedded redis-server
// over a Unix socket, and Switchyard on a redis-server over loopback TCP that the bench starts with
// the same durability (AOF appendfsync everysec), as a deployment with Redis elsewhere runs.
// (1) Through @aws-sdk/client-sqs, one SQSClient per concurrent loop: SendMessageBatch throughput,
//     ReceiveMessage + DeleteMessageBatch throughput on a queue pre-filled to the same depth, once
//     without waiting (WaitTimeSeconds=0) and once long-polling as consumers do
//     (--receive-wait-seconds, 20 as sqs-consumer), and send-to-receive latency with paced
//     producers and long-polling consumers.
// (2) Through wrk: SendMessageBatch requests per second, the server's capacity.
// Each target is a child process, all started up front. Throughput phases measure in slices that
// alternate between the targets (the others idle), so that load from elsewhere on a shared machine
// falls on every target alike and the ratios compare like with like.
// One JSON object per line on stdout: one per (target, metric), then a summary with the ratios the
// targets are judged by. Progress and diagnostics on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { BODY_BYTES } from './sqs/message-body';
import {
  BATCH_SIZE,
  createQueue,
  latencyPhase,
  fillQueue,
  makeClients,
  receiveDeletePhase,
  sendPhase,
  visibleMessages,
  Throughput,
} from './sqs/sdk-load';
import {
  startTarget,
  TARGET_DESCRIPTIONS,
  TARGET_NAMES,
  type RunningTarget,
  type TargetName,
} from './sqs/targets';
import { CpuMeter } from './sqs/process-cpu';
import { runWrk, WrkTotals, wrkRequestBody } from './sqs/wrk-load';

const ROOT = join(__dirname, '..');
const WRK = 'wrk';
const SLICE_WARMUP_MS = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Phase = 'send' | 'receive' | 'receive-long-poll' | 'latency' | 'wrk';
const PHASES: readonly Phase[] = ['send', 'receive', 'receive-long-poll', 'latency', 'wrk'];
type ThroughputPhase = 'send' | 'receive' | 'receive-long-poll';

interface Options {
  seconds: number;
  wrkSeconds: number;
  warmupSeconds: number;
  wrkWarmupSeconds: number;
  clients: number;
  latencyRate: number;
  waitSeconds: number;
  receiveWaitSeconds: number;
  wrkConnections: number;
  wrkThreads: number;
  slices: number;
  prefill: number;
  targets: TargetName[];
  phases: Phase[];
  cpuProf: boolean;
  fsync?: string;
}

function parseArgs(argv: string[]): Options {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) values.set(arg.slice(2), argv[++i]);
    else flags.add(arg.slice(2));
  }
  const num = (name: string, fallback: number) => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
    return n;
  };
  const list = <T extends string>(name: string, all: readonly T[]): T[] => {
    const raw = values.get(name);
    if (raw === undefined) return [...all];
    const picked = raw.split(',').map((s) => s.trim()) as T[];
    for (const p of picked)
      if (!all.includes(p)) throw new Error(`--${name}: unknown "${p}"; choose from ${all.join(',')}`);
    return all.filter((a) => picked.includes(a));
  };
  const known = [
    'seconds',
    'wrk-seconds',
    'warmup-seconds',
    'wrk-warmup-seconds',
    'clients',
    'latency-rate',
    'wait-seconds',
    'receive-wait-seconds',
    'wrk-connections',
    'wrk-threads',
    'targets',
    'phases',
    'fsync',
    'slices',
    'prefill',
  ];
  for (const k of values.keys()) if (!known.includes(k)) throw new Error(`unknown option --${k}`);
  for (const f of flags) if (f !== 'cpu-prof') throw new Error(`unknown flag --${f}`);
  const seconds = num('seconds', Number(process.env.SQS_BENCH_SECONDS ?? 10));
  return {
    seconds,
    wrkSeconds: num('wrk-seconds', seconds),
    warmupSeconds: num('warmup-seconds', 1),
    wrkWarmupSeconds: num('wrk-warmup-seconds', 2),
    clients: Math.round(num('clients', 16)),
    latencyRate: num('latency-rate', 1000),
    waitSeconds: Math.min(20, Math.round(num('wait-seconds', 1))),
    receiveWaitSeconds: Math.min(20, Math.round(num('receive-wait-seconds', 20))),
    wrkConnections: Math.round(num('wrk-connections', 32)),
    wrkThreads: Math.round(num('wrk-threads', 1)),
    slices: Math.round(num('slices', 5)),
    prefill: Math.round(num('prefill', 150_000)),
    targets: list('targets', TARGET_NAMES),
    phases: list('phases', PHASES),
    cpuProf: flags.has('cpu-prof'),
    fsync: values.get('fsync'),
  };
}

const progress = (msg: string) =>
  process.stderr.write(`[sqs bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const emit = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const round = (x: number) => Math.round(x);
const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? Math.round((a / b) * 1000) / 1000 : null;
const cpuPerMessage = (meter: CpuMeter | undefined, messages: number | undefined) =>
  (meter?.report(0, messages ?? 0)?.cpuMicrosPerMessage as number | null | undefined) ?? null;
const load1 = () => Math.round(loadavg()[0] * 100) / 100;

interface TargetResults {
  send?: Throughput;
  receive?: Throughput;
  'receive-long-poll'?: Throughput;
  latencyP50?: number | null;
  latencyP99?: number | null;
  wrk?: WrkTotals;
  sdkErrors: number;
  wrkErrors: number;
}

interface TargetRun {
  readonly target: RunningTarget;
  readonly clients: SQSClient[];
  readonly base: Record<string, unknown>;
  readonly stores: boolean;
  readonly results: TargetResults;
  readonly queues: Partial<Record<ThroughputPhase, string>>;
  wrkQueue?: string;
  wrkStoredBefore?: number;
  readonly cpu: Partial<Record<Phase, CpuMeter>>;
  exitReported?: boolean;
}

async function preflightWrk(endpoint: string, queueUrl: string): Promise<void> {
  const res = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessageBatch' },
    body: wrkRequestBody(queueUrl),
  });
  const text = await res.text();
  let ok = 0;
  try {
    ok = (JSON.parse(text).Successful ?? []).length;
  } catch {
    // reported below
  }
  if (res.status !== 200 || ok !== BATCH_SIZE)
    throw new Error(
      `preflight SendMessageBatch (the wrk request) answered ${res.status}: ${text.slice(0, 300)}`,
    );
}

/** The runs in a different order for each slice, so that no target always follows the same one. */
const rotated = <T>(xs: readonly T[], k: number): T[] => xs.map((_, i) => xs[(i + k) % xs.length]);

/** Runs one step for each target, reporting a failure as an error line instead of ending the run. */
async function eachTarget(
  runs: readonly TargetRun[],
  phase: Phase,
  step: (run: TargetRun) => Promise<void>,
  onError: () => void,
): Promise<void> {
  for (const run of runs) {
    if (run.exitReported) continue;
    try {
      await step(run);
    } catch (e) {
      onError();
      emit({
        ...run.base,
        metric: 'error',
        phase,
        error: String((e as Error).stack ?? e),
        log: run.target.logFile,
      });
    }
    const exit = run.target.unexpectedExit();
    if (exit && !run.exitReported) {
      run.exitReported = true;
      onError();
      emit({
        ...run.base,
        metric: 'error',
        phase,
        error: `the target process ${exit}`,
        log: run.target.logFile,
      });
    }
  }
}

function emitThroughput(
  run: TargetRun,
  metric: string,
  r: Throughput,
  cpu: CpuMeter | undefined,
  extra: Record<string, unknown>,
): void {
  emit({
    ...run.base,
    metric,
    clients: run.clients.length,
    clientModel: 'one SQSClient per loop',
    batchSize: BATCH_SIZE,
    bodyBytes: BODY_BYTES,
    ...extra,
    windows: r.windows,
    seconds: Math.round(r.seconds * 100) / 100,
    messages: r.messages,
    requests: r.requests,
    messagesPerSecond: round(r.messagesPerSecond),
    requestLatencyMs: r.requestLatencyMs(),
    drained: r.drained,
    serverCpu: cpu?.report(r.totalSeconds, r.totalMessages) ?? null,
    clientCoresBusy:
      r.totalSeconds > 0 ? Math.round((r.clientCpuSeconds / r.totalSeconds) * 100) / 100 : null,
    ...r.errors.toJSON(),
    loadavg1: load1(),
  });
}

/** What each SDK throughput phase is called in the result lines, and what it does. */
const THROUGHPUT_METRICS: Record<ThroughputPhase, { metric: string; queue: string }> = {
  send: { metric: 'sdk_send', queue: 'bench-send' },
  receive: { metric: 'sdk_receive_delete', queue: 'bench-receive' },
  'receive-long-poll': { metric: 'sdk_receive_delete_long_poll', queue: 'bench-receive-long-poll' },
};

/**
 * A throughput phase through the SDK: a warm-up per target, then the measured time cut into
 * slices that alternate between the targets, so that load from elsewhere on the machine falls
 * on every target alike.
 */
async function sdkThroughput(
  phase: ThroughputPhase,
  runs: readonly TargetRun[],
  o: Options,
  runId: string,
  onError: () => void,
): Promise<void> {
  // Long-polling consumers (sqs-consumer's default is 20 s) on a queue that has messages: the
  // receive must answer at once, costing what one without a wait costs.
  const waitTimeSeconds = phase === 'receive-long-poll' ? o.receiveWaitSeconds : 0;
  const measure = (
    clients: SQSClient[],
    queue: string,
    warmupMs: number,
    measureMs: number,
    into: Throughput,
  ) =>
    phase === 'send'
      ? sendPhase(clients, queue, warmupMs, measureMs, into)
      : receiveDeletePhase(clients, queue, warmupMs, measureMs, into, waitTimeSeconds);
  const prefilled = new Map<TargetRun, number | undefined>();
  const live: TargetRun[] = [];
  await eachTarget(
    runs,
    phase,
    async (run) => {
      const queue = (run.queues[phase] = await createQueue(
        run.clients[0],
        `${THROUGHPUT_METRICS[phase].queue}-${runId}`,
      ));
      // The same depth for every storing target: receive cost may depend on it.
      if (phase !== 'send' && run.stores) {
        progress(`${run.target.name}: filling the ${phase} queue with ${o.prefill} messages`);
        await fillQueue(run.clients, queue, o.prefill);
        prefilled.set(run, await visibleMessages(run.clients[0], queue));
      }
      run.results[phase] = new Throughput();
      run.cpu[phase] = new CpuMeter(run.target.cpuPids);
      progress(`${run.target.name}: ${phase} warm-up ${o.warmupSeconds}s`);
      await measure(run.clients, queue, o.warmupSeconds * 1000, 0, new Throughput());
      live.push(run);
    },
    onError,
  );
  const sliceMs = (o.seconds * 1000) / o.slices;
  progress(`${phase}: ${o.slices} slices of ${sliceMs / 1000}s per target, ${o.clients} clients`);
  for (let k = 0; k < o.slices; k++) {
    await eachTarget(
      rotated(live, k),
      phase,
      async (run) => {
        run.cpu[phase]!.begin();
        await measure(run.clients, run.queues[phase]!, SLICE_WARMUP_MS, sliceMs, run.results[phase]!);
        run.cpu[phase]!.end();
      },
      onError,
    );
  }
  for (const run of live) {
    const r = run.results[phase]!;
    run.results.sdkErrors += r.errors.count + r.errors.failedEntries;
    const extra =
      phase === 'send'
        ? { operation: 'SendMessageBatch' }
        : {
            operation: `ReceiveMessage(MaxNumberOfMessages=10, WaitTimeSeconds=${waitTimeSeconds}) + DeleteMessageBatch`,
            prefilledMessages: prefilled.get(run) ?? null,
          };
    emitThroughput(run, THROUGHPUT_METRICS[phase].metric, r, run.cpu[phase], extra);
  }
}

/** Send-to-receive latency, one target after the other (it is not a ratio target). */
async function sdkLatency(runs: readonly TargetRun[], o: Options, runId: string, onError: () => void) {
  await eachTarget(
    runs,
    'latency',
    async (run) => {
      const queue = await createQueue(run.clients[0], `bench-latency-${runId}`);
      progress(
        `${run.target.name}: latency, ${o.latencyRate} msg/s paced, ${o.warmupSeconds}s warm-up + ${o.seconds}s`,
      );
      const r = await latencyPhase(run.clients, queue, {
        rate: o.latencyRate,
        waitTimeSeconds: o.waitSeconds,
        warmupMs: o.warmupSeconds * 1000,
        measureMs: o.seconds * 1000,
        synthetic: !run.stores,
      });
      run.results.latencyP50 = r.latencyMs.p50;
      run.results.latencyP99 = r.latencyMs.p99;
      run.results.sdkErrors += r.errors.count + r.errors.failedEntries + r.duplicates + r.missing;
      emit({
        ...run.base,
        metric: 'sdk_latency',
        measures: run.stores
          ? 'send-to-receive: receive time minus the send time stamped in the body'
          : 'floor: receive time minus the time the endpoint stamped its synthetic message',
        producers: r.producers,
        consumers: r.consumers,
        sendRate: r.rate,
        waitTimeSeconds: run.stores ? o.waitSeconds : 0,
        seconds: o.seconds,
        sent: r.sent,
        received: r.received,
        duplicates: r.duplicates,
        missing: r.missing,
        latencyMs: r.latencyMs,
        ...r.errors.toJSON(),
        loadavg1: load1(),
      });
    },
    onError,
  );
}

/** Server capacity under wrk, in interleaved slices like the SDK throughput phases. */
async function wrkCapacity(runs: readonly TargetRun[], o: Options, runId: string, onError: () => void) {
  const wrkOptions = (run: TargetRun, queueUrl: string, seconds: number) => ({
    wrk: WRK,
    root: ROOT,
    endpoint: run.target.endpoint,
    queueUrl,
    seconds,
    threads: o.wrkThreads,
    connections: o.wrkConnections,
  });
  const live: TargetRun[] = [];
  await eachTarget(
    runs,
    'wrk',
    async (run) => {
      // Warm up on a queue of its own and drop it, so the measured runs start from an empty queue.
      const warmQueue = await createQueue(run.clients[0], `bench-wrk-warmup-${runId}`);
      await preflightWrk(run.target.endpoint, warmQueue);
      progress(`${run.target.name}: wrk warm-up ${o.wrkWarmupSeconds}s`);
      await runWrk(wrkOptions(run, warmQueue, o.wrkWarmupSeconds));
      await run.clients[0]
        .send(new DeleteQueueCommand({ QueueUrl: warmQueue }))
        .catch((e) => progress(`${run.target.name}: DeleteQueue after the wrk warm-up failed: ${e}`));
      run.wrkQueue = await createQueue(run.clients[0], `bench-wrk-${runId}`);
      run.wrkStoredBefore = run.stores ? await visibleMessages(run.clients[0], run.wrkQueue) : undefined;
      run.results.wrk = new WrkTotals();
      run.cpu.wrk = new CpuMeter(run.target.cpuPids);
      live.push(run);
    },
    onError,
  );
  await sleep(1000);
  const wrkWall = new Map<TargetRun, number>();
  const sliceSeconds = Math.max(1, Math.round(o.wrkSeconds / o.slices));
  progress(`wrk: ${o.slices} slices of ${sliceSeconds}s per target, -t${o.wrkThreads} -c${o.wrkConnections}`);
  for (let k = 0; k < o.slices; k++) {
    await eachTarget(
      rotated(live, k),
      'wrk',
      async (run) => {
        const started = performance.now();
        run.cpu.wrk!.begin();
        run.results.wrk!.add(await runWrk(wrkOptions(run, run.wrkQueue!, sliceSeconds)));
        run.cpu.wrk!.end();
        wrkWall.set(run, (wrkWall.get(run) ?? 0) + (performance.now() - started) / 1000);
      },
      onError,
    );
  }
  for (const run of live) {
    const r = run.results.wrk!;
    const after = run.stores ? await visibleMessages(run.clients[0], run.wrkQueue!) : undefined;
    const stored =
      after !== undefined && run.wrkStoredBefore !== undefined ? after - run.wrkStoredBefore : null;
    const acknowledged = (r.requests - r.non2xx) * BATCH_SIZE;
    // Requests in flight when a wrk run stops are stored but not counted by wrk.
    const slack = r.runs * o.wrkConnections * BATCH_SIZE;
    const storedMatches = stored === null ? null : stored >= acknowledged && stored <= acknowledged + slack;
    run.results.wrkErrors = r.non2xx + r.socketErrorCount + (storedMatches === false ? 1 : 0);
    emit({
      ...run.base,
      metric: 'wrk_send',
      operation: 'SendMessageBatch (AWS JSON 1.0)',
      queueUrl: run.wrkQueue,
      threads: o.wrkThreads,
      connections: o.wrkConnections,
      batchSize: BATCH_SIZE,
      bodyBytes: BODY_BYTES,
      runs: r.runs,
      seconds: Math.round(r.seconds * 100) / 100,
      requests: r.requests,
      requestsPerSecond: round(r.requestsPerSecond),
      messagesPerSecond: round(r.messagesPerSecond),
      non2xx: r.non2xx,
      socketErrors: r.socketErrors,
      latencyAvgMs: r.latencyAvgMs,
      latencyMaxMs: r.latencyMaxMs,
      storedMessages: stored,
      acknowledgedMessages: acknowledged,
      storedMatches,
      serverCpu: run.cpu.wrk?.report(wrkWall.get(run) ?? 0, acknowledged) ?? null,
      loadavg1: load1(),
    });
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const workDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-sqs-'));
  const redisUrl = process.env.REDIS_URL || undefined;
  const common = { bench: 'sqs', runId, node: process.version, cpus: cpus().length };
  const all: Partial<Record<TargetName, TargetResults>> = {};
  const running = new Set<RunningTarget>();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    progress(`${signal}: stopping targets`);
    void Promise.all([...running].map((t) => t.stop())).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A closed stdout (e.g. piped into `head`) ends the run; the children stop with their IPC channel.
  process.stdout.on('error', () => onSignal('SIGPIPE'));
  let keepLogs = false;

  const runs: TargetRun[] = [];
  try {
    for (const name of o.targets) {
      progress(`starting ${name}`);
      try {
        const target = await startTarget(name, {
          root: ROOT,
          workDir,
          serverNodeFlags:
            name.startsWith('switchyard') && o.cpuProf
              ? ['--cpu-prof', `--cpu-prof-dir=${join(workDir, `cpu-prof-${name}`)}`]
              : [],
          redisUrl,
          keyPrefix: `bench-sqs-${runId}`,
          fsync: o.fsync,
        });
        running.add(target);
        const results: TargetResults = { sdkErrors: 0, wrkErrors: 0 };
        all[name] = results;
        runs.push({
          target,
          clients: makeClients(target.endpoint, o.clients),
          base: { ...common, target: name, targetDescription: TARGET_DESCRIPTIONS[name], ...target.info },
          stores: name !== 'null',
          results,
          queues: {},
          cpu: {},
        });
      } catch (e) {
        keepLogs = true;
        emit({
          ...common,
          target: name,
          metric: 'error',
          phase: 'start',
          error: String((e as Error).message ?? e),
        });
      }
    }
    const onError = () => (keepLogs = true);
    for (const phase of o.phases) {
      if (interrupted) return;
      if (phase === 'send' || phase === 'receive' || phase === 'receive-long-poll')
        await sdkThroughput(phase, runs, o, runId, onError);
      else if (phase === 'latency') await sdkLatency(runs, o, runId, onError);
      else await wrkCapacity(runs, o, runId, onError);
    }
  } finally {
    for (const run of runs) {
      for (const c of run.clients) c.destroy();
      progress(`stopping ${run.target.name}`);
      await run.target.stop();
      running.delete(run.target);
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const sy = all.switchyard;
  const tcp = all['switchyard-tcp'];
  const fq = all.fauxqs;
  const nul = all.null;
  const vsCeiling = (t: TargetResults | undefined, phase: ThroughputPhase) =>
    ratio(t?.[phase]?.messagesPerSecond, nul?.[phase]?.messagesPerSecond);
  const ratios = {
    switchyard_send_vs_ceiling: vsCeiling(sy, 'send'),
    switchyard_receive_delete_vs_ceiling: vsCeiling(sy, 'receive'),
    switchyard_receive_delete_long_poll_vs_ceiling: vsCeiling(sy, 'receive-long-poll'),
    switchyard_wrk_vs_fauxqs: ratio(sy?.wrk?.messagesPerSecond, fq?.wrk?.messagesPerSecond),
    switchyard_tcp_send_vs_ceiling: vsCeiling(tcp, 'send'),
    switchyard_tcp_receive_delete_vs_ceiling: vsCeiling(tcp, 'receive'),
    switchyard_tcp_receive_delete_long_poll_vs_ceiling: vsCeiling(tcp, 'receive-long-poll'),
    switchyard_tcp_wrk_vs_fauxqs: ratio(tcp?.wrk?.messagesPerSecond, fq?.wrk?.messagesPerSecond),
    fauxqs_send_vs_ceiling: vsCeiling(fq, 'send'),
    fauxqs_receive_delete_vs_ceiling: vsCeiling(fq, 'receive'),
    fauxqs_receive_delete_long_poll_vs_ceiling: vsCeiling(fq, 'receive-long-poll'),
    switchyard_wrk_vs_ceiling: ratio(sy?.wrk?.messagesPerSecond, nul?.wrk?.messagesPerSecond),
    switchyard_tcp_wrk_vs_ceiling: ratio(tcp?.wrk?.messagesPerSecond, nul?.wrk?.messagesPerSecond),
    fauxqs_wrk_vs_ceiling: ratio(fq?.wrk?.messagesPerSecond, nul?.wrk?.messagesPerSecond),
    switchyard_latency_p50_vs_fauxqs: ratio(sy?.latencyP50 ?? undefined, fq?.latencyP50 ?? undefined),
    switchyard_latency_p99_vs_fauxqs: ratio(sy?.latencyP99 ?? undefined, fq?.latencyP99 ?? undefined),
  };
  // A target counts as met only when the ratio is reached and Switchyard made no errors in it.
  const met = (r: number | null, goal: number, errors: number | undefined) =>
    r === null ? null : r >= goal && !errors;
  const phaseErrors = (t: TargetResults | undefined, phase: ThroughputPhase) =>
    t?.[phase] && t[phase]!.errors.count + t[phase]!.errors.failedEntries;
  const goal = (r: number | null, value: number, errors: number | undefined) => ({
    goal: value,
    met: met(r, value, errors),
  });
  const perTarget = <T>(pick: (t: TargetResults, run: TargetRun | undefined) => T) =>
    Object.fromEntries(
      (Object.keys(all) as TargetName[]).map((t) => [
        t,
        pick(
          all[t]!,
          runs.find((run) => run.target.name === t),
        ),
      ]),
    );
  emit({
    ...common,
    metric: 'summary',
    switchyardRedis: redisUrl ? 'external' : `embedded (AOF appendfsync ${o.fsync ?? 'everysec'})`,
    switchyardTcpRedis: `bench redis-server over loopback TCP (AOF appendfsync ${o.fsync ?? 'everysec'})`,
    receiveLongPollWaitSeconds: o.receiveWaitSeconds,
    messagesPerSecond: perTarget((t) => ({
      sdkSend: t.send ? round(t.send.messagesPerSecond) : null,
      sdkReceiveDelete: t.receive ? round(t.receive.messagesPerSecond) : null,
      sdkReceiveDeleteLongPoll: t['receive-long-poll']
        ? round(t['receive-long-poll'].messagesPerSecond)
        : null,
      wrkSend: t.wrk ? round(t.wrk.messagesPerSecond) : null,
    })),
    serverCpuMicrosPerMessage: perTarget((t, run) => ({
      sdkSend: cpuPerMessage(run?.cpu.send, t.send?.totalMessages),
      sdkReceiveDelete: cpuPerMessage(run?.cpu.receive, t.receive?.totalMessages),
      sdkReceiveDeleteLongPoll: cpuPerMessage(
        run?.cpu['receive-long-poll'],
        t['receive-long-poll']?.totalMessages,
      ),
      wrkSend: cpuPerMessage(run?.cpu.wrk, t.wrk && (t.wrk.requests - t.wrk.non2xx) * BATCH_SIZE),
    })),
    latencyMs: perTarget((t) => ({ p50: t.latencyP50 ?? null, p99: t.latencyP99 ?? null })),
    ...ratios,
    targets: {
      switchyard_send_vs_ceiling: goal(ratios.switchyard_send_vs_ceiling, 0.9, phaseErrors(sy, 'send')),
      switchyard_receive_delete_vs_ceiling: goal(
        ratios.switchyard_receive_delete_vs_ceiling,
        0.8,
        phaseErrors(sy, 'receive'),
      ),
      switchyard_receive_delete_long_poll_vs_ceiling: goal(
        ratios.switchyard_receive_delete_long_poll_vs_ceiling,
        0.8,
        phaseErrors(sy, 'receive-long-poll'),
      ),
      switchyard_wrk_vs_fauxqs: goal(ratios.switchyard_wrk_vs_fauxqs, 0.75, sy?.wrkErrors),
      switchyard_tcp_receive_delete_vs_ceiling: goal(
        ratios.switchyard_tcp_receive_delete_vs_ceiling,
        0.8,
        phaseErrors(tcp, 'receive'),
      ),
      switchyard_tcp_receive_delete_long_poll_vs_ceiling: goal(
        ratios.switchyard_tcp_receive_delete_long_poll_vs_ceiling,
        0.8,
        phaseErrors(tcp, 'receive-long-poll'),
      ),
    },
    switchyardErrors: sy ? { sdk: sy.sdkErrors, wrk: sy.wrkErrors } : null,
    switchyardTcpErrors: tcp ? { sdk: tcp.sdkErrors, wrk: tcp.wrkErrors } : null,
    ...(o.cpuProf ? { cpuProfileDirs: join(workDir, 'cpu-prof-<target>') } : {}),
    ...(keepLogs || o.cpuProf ? { logs: workDir } : {}),
    loadavg1: load1(),
  });
  if (!keepLogs && !o.cpuProf) rmSync(workDir, { recursive: true, force: true });
  else progress(`logs kept in ${workDir}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
