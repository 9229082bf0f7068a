// Step Functions: Switchyard (a gateway and two executor processes on a durable Redis) against a
// do-nothing Step Functions endpoint, both driven by @aws-sdk/client-sfn in this process, plus the
// durable engine alone (no HTTP). One JSON object per line on stdout.
// Usage: npm run bench -- sfn [--seconds N] [--clients 16] [--rounds 3] [--phases starts,sync,engine]
//        [--warmup 15] [--map-items 1000] [--task-ms 50]   (phases: starts, sync, engine by default;
//        also map, alone)
//        (the starts and sync phases run --rounds rounds alternating between the targets, so load from
//        elsewhere on a shared machine falls on both alike; the summary takes each target's median.
//        Before its first round each target runs the phase for --warmup seconds, reported with
//        "round":"warm-up" and not counted: processes just started run their first ten thousand
//        executions or so on code V8 has not optimised yet, at up to half the rate they keep later)
//        (SFN_BENCH_CPU_PROF=<dir> writes a CPU profile of every Switchyard process there)
// Phases (all on the 12-transition benchmark workflow):
//   starts  StartExecution of a STANDARD machine for --seconds from --clients loops; starts per second;
//           for Switchyard also how fast the started executions complete: durable state transitions
//           per second from the first start to the last execution's stopDate, with two executor
//           processes (while they run, the bench looks only at the last one started, so that it takes
//           no CPU from them). CPU figures: the SDK client's own per start (this process: what the
//           ceiling is made of), the do-nothing endpoint's per start, and Switchyard's per execution
//           by process (gateway, each executor, Redis), from the first start to the last completion.
//   sync    StartSyncExecution of an EXPRESS machine for --seconds from --clients loops; per second.
//   engine  the durable engine in this process against the same Redis: executions created and their
//           steps committed (one Lua step per run of steps) by --clients loops, as an executor does.
//   alone   the gateway and an executor each alone on the CPU, so that their cost per execution is not
//           blurred by the others' and the client's (in `starts` all of them share the same cores):
//           StartExecution for --seconds against a gateway with no executor (its CPU, Redis's and the
//           client's per start), then one executor started on the executions those starts left, until
//           it has run them all (its CPU and Redis's per execution, and its rate). Not part of the
//           default phases.
//   map     (not on the benchmark workflow) one Standard execution of an inline Map over --map-items
//           items, each a Lambda task answered by a function server in this process after
//           --task-ms; its duration against the least an inline Map can take (40 iterations at once,
//           as AWS runs them: items / 40 × task time), and the CPU of the Switchyard processes per
//           iteration. Not part of the default phases.
// Progress on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type ExecutionListItem,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { ExecutionEngine, loadDefinition } from '@switchyard/asl';
import { nodeRuntime } from '@switchyard/asl-node';
import { connectRedis, RedisKeys } from '@switchyard/redis';
import { ExecutionStore } from '../libs/workflows/src/store/execution.store';
import { advanceRunnable, endedFields, storedState } from '../libs/workflows/src/domain/standard-execution';
import { storeEvent } from '../libs/workflows/src/domain/stored-event';
import { benchArgs, emitLine, median } from './bench-args';
import { CpuMeter } from './sqs/process-cpu';
import { type RunningTarget, startAnnouncing, startSwitchyardApps, type TargetOptions } from './sqs/targets';
import { BENCHMARK_INPUT, BENCHMARK_TRANSITIONS, BENCHMARK_WORKFLOW } from './workflows/benchmark-workflow';

type Phase = 'starts' | 'sync' | 'engine' | 'map' | 'alone';
const ROOT = join(__dirname, '..');
const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';
const WORK_FUNCTION = 'arn:aws:lambda:us-east-1:000000000000:function:work';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const progress = (msg: string) => process.stderr.write(`[sfn bench] ${msg}\n`);
const emit = emitLine;

function options() {
  const args = benchArgs(process.argv.slice(2), [
    'seconds',
    'clients',
    'rounds',
    'warmup',
    'phases',
    'map-items',
    'task-ms',
  ]);
  return {
    seconds: Number(args.get('seconds') ?? 5),
    clients: Number(args.get('clients') ?? 16),
    rounds: Number(args.get('rounds') ?? 3),
    warmup: Number(args.get('warmup') ?? 15),
    phases: (args.get('phases') ?? 'starts,sync,engine').split(',') as Phase[],
    mapItems: Number(args.get('map-items') ?? 1000),
    taskMs: Number(args.get('task-ms') ?? 50),
  };
}

function client(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'secret' },
    maxAttempts: 1,
    disableHostPrefix: true,
  });
}

async function machine(sfn: SFNClient, name: string, type: 'STANDARD' | 'EXPRESS'): Promise<string> {
  const out = await sfn.send(
    new CreateStateMachineCommand({
      name,
      type,
      roleArn: ROLE,
      definition: JSON.stringify(BENCHMARK_WORKFLOW),
    }),
  );
  return out.stateMachineArn!;
}

/** `clients` loops calling `call` for `seconds`; answers the calls made and the time taken. */
async function loops(clients: number, seconds: number, call: (loop: number) => Promise<void>) {
  const started = performance.now();
  let calls = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, loop) => {
      while (performance.now() - started < seconds * 1000) {
        await call(loop);
        calls++;
      }
    }),
  );
  return { calls, seconds: (performance.now() - started) / 1000 };
}

async function starts(target: RunningTarget, o: ReturnType<typeof options>, base: object, runId: string) {
  const clients = Array.from({ length: o.clients }, () => client(target.endpoint));
  const stateMachineArn = await machine(clients[0], `bench-std-${runId}`, 'STANDARD');
  const input = JSON.stringify(BENCHMARK_INPUT);
  const arns: string[] = [];
  const cpu = new CpuMeter(target.cpuPids);
  const perProcess = processMeters(target);
  cpu.begin();
  perProcess.forEach((m) => m.meter.begin());
  const clientCpuBefore = process.cpuUsage();
  const firstStartAt = Date.now();
  const r = await loops(o.clients, o.seconds, async (loop) => {
    const out = await clients[loop].send(new StartExecutionCommand({ stateMachineArn, input }));
    arns.push(out.executionArn!);
  });
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const line: Record<string, unknown> = {
    ...base,
    metric: 'standard starts',
    clients: o.clients,
    starts: r.calls,
    startsPerSecond: Math.round(r.calls / r.seconds),
    // The SDK client's own CPU (this process) per start: what the ceiling is made of.
    clientCpuMicrosPerStart: Math.round((clientCpu.user + clientCpu.system) / r.calls),
  };
  if (target.name === 'null') {
    cpu.end();
    const serverCpu = cpu.report(r.seconds, r.calls);
    if (serverCpu) line.serverCpuMicrosPerStart = Math.round(serverCpu.cpuMicrosPerMessage as number);
  } else {
    // How fast the started executions complete, from the first start to the last execution's
    // stopDate as Switchyard recorded it. While they run, only the last started one is looked at (they
    // complete roughly in start order), so that looking takes next to no CPU from the executors; then
    // ListExecutions pages (1,000 a call) read every execution's status and stopDate.
    const last = arns[arns.length - 1];
    const deadline = performance.now() + 300_000;
    const running = async (executionArn: string) =>
      (await clients[0].send(new DescribeExecutionCommand({ executionArn }))).status === 'RUNNING';
    while ((await running(last)) && performance.now() < deadline) await sleep(50);
    cpu.end();
    perProcess.forEach((m) => m.meter.end());
    let listed = await listAll(clients[0], stateMachineArn);
    while (listed.some((e) => e.status === 'RUNNING') && performance.now() < deadline) {
      await sleep(200);
      listed = await listAll(clients[0], stateMachineArn);
    }
    const ended = listed.filter((e) => e.status !== 'RUNNING');
    const lastStop = Math.max(...ended.map((e) => e.stopDate!.getTime()));
    const elapsed = (lastStop - firstStartAt) / 1000;
    Object.assign(line, {
      completed: ended.length,
      failed: ended.filter((e) => e.status !== 'SUCCEEDED').length,
      completedSeconds: Math.round(elapsed * 10) / 10,
      durableTransitionsPerSecond: Math.round((ended.length * BENCHMARK_TRANSITIONS) / elapsed),
      ...cpu.report(elapsed, ended.length * BENCHMARK_TRANSITIONS),
      cpuMicrosPerExecutionByProcess: Object.fromEntries(
        perProcess.map(({ label, meter }) => [
          label,
          Math.round(((meter.report(elapsed, 1)?.cpuSeconds as number) * 1e6) / ended.length),
        ]),
      ),
    });
  }
  clients.forEach((c) => c.destroy());
  emit(line);
  return line;
}

/** A CPU meter for each process of a target run as several apps, and one for its Redis. */
function processMeters(target: RunningTarget): { label: string; meter: CpuMeter }[] {
  const meters = (target.processes ?? []).map(({ app, pid }, i) => ({
    label: `${app}-${i}`,
    meter: new CpuMeter(pid),
  }));
  if (target.redisPid) meters.push({ label: 'redis-server', meter: new CpuMeter(target.redisPid) });
  return meters;
}

/** Every execution of a machine, with its status and stopDate, 1,000 a page. */
async function listAll(sfn: SFNClient, stateMachineArn: string): Promise<ExecutionListItem[]> {
  const all: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, nextToken }));
    all.push(...(page.executions ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

async function sync(target: RunningTarget, o: ReturnType<typeof options>, base: object, runId: string) {
  const clients = Array.from({ length: o.clients }, () => client(target.endpoint));
  const stateMachineArn = await machine(clients[0], `bench-exp-${runId}`, 'EXPRESS');
  const input = JSON.stringify(BENCHMARK_INPUT);
  let failed = 0;
  const r = await loops(o.clients, o.seconds, async (loop) => {
    const out = await clients[loop].send(new StartSyncExecutionCommand({ stateMachineArn, input }));
    if (out.status !== 'SUCCEEDED') failed++;
  });
  clients.forEach((c) => c.destroy());
  const line = {
    ...base,
    metric: 'express sync executions',
    clients: o.clients,
    executions: r.calls,
    failed,
    executionsPerSecond: Math.round(r.calls / r.seconds),
  };
  emit(line);
  return line;
}

/** The most iterations an inline Map runs at once (AWS's figure). */
const INLINE_MAP_AT_ONCE = 40;

/** A Lambda function for the map phase: answers its input after `ms`, counting its calls. */
async function functionServer(ms: number): Promise<{ server: Server; url: string; calls: () => number }> {
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      calls++;
      setTimeout(() => res.writeHead(200).end(body), ms);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/work`,
    calls: () => calls,
  };
}

/** One execution of an inline Map whose iterations each call the `work` function. */
async function wideMap(
  target: RunningTarget,
  o: ReturnType<typeof options>,
  base: object,
  runId: string,
  calls: () => number,
) {
  const sfn = client(target.endpoint);
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: `bench-map-${runId}`,
      roleArn: ROLE,
      definition: JSON.stringify({
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'Work',
              States: { Work: { Type: 'Task', Resource: WORK_FUNCTION, End: true } },
            },
            End: true,
          },
        },
      }),
    }),
  );
  const items = Array.from({ length: o.mapItems }, (_, i) => ({ i }));
  const cpu = new CpuMeter(target.cpuPids);
  const callsBefore = calls();
  cpu.begin();
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(items) }),
  );
  let d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const deadline = performance.now() + 600_000;
  while (d.status === 'RUNNING' && performance.now() < deadline) {
    await sleep(100);
    d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  }
  cpu.end();
  sfn.destroy();
  const durationMs = d.stopDate!.getTime() - d.startDate!.getTime();
  const floorMs = Math.ceil(o.mapItems / INLINE_MAP_AT_ONCE) * o.taskMs;
  const line = {
    ...base,
    metric: 'inline map',
    items: o.mapItems,
    taskMs: o.taskMs,
    status: d.status,
    functionCalls: calls() - callsBefore,
    durationMs,
    floorMs,
    floorVsDuration: Math.round((floorMs / durationMs) * 100) / 100,
  };
  // The server CPU, per iteration.
  const { cpuMicrosPerMessage, ...cpuFigures } = cpu.report(durationMs / 1000, o.mapItems) ?? {};
  Object.assign(line, { ...cpuFigures, cpuMicrosPerIteration: cpuMicrosPerMessage });
  emit(line);
  return line;
}

/** CPU microseconds per item a meter saw, or null when it could not read the process. */
function microsPer(meter: CpuMeter, items: number): number | null {
  const seconds = meter.report(1, 1)?.cpuSeconds;
  return typeof seconds === 'number' && items > 0 ? Math.round((seconds * 1e6) / items) : null;
}

/** The gateway alone, then one executor alone on what the gateway's starts left (the `alone` phase). */
async function alone(o: ReturnType<typeof options>, targetOptions: TargetOptions, runId: string) {
  const target = await startSwitchyardApps('switchyard-alone', targetOptions, ['orchestration-gateway']);
  const redis = connectRedis(target.redisUrl!);
  try {
    const base = { bench: 'sfn', phase: 'alone', target: 'switchyard', ...target.info };
    const clients = Array.from({ length: o.clients }, () => client(target.endpoint));
    const stateMachineArn = await machine(clients[0], `bench-alone-${runId}`, 'STANDARD');
    const input = JSON.stringify(BENCHMARK_INPUT);
    const gatewayCpu = new CpuMeter(target.pid);
    const redisCpu = new CpuMeter(target.redisPid!);
    gatewayCpu.begin();
    redisCpu.begin();
    const clientBefore = process.cpuUsage();
    const r = await loops(o.clients, o.seconds, async (loop) => {
      await clients[loop].send(new StartExecutionCommand({ stateMachineArn, input }));
    });
    const clientCpu = process.cpuUsage(clientBefore);
    gatewayCpu.end();
    redisCpu.end();
    emit({
      ...base,
      metric: 'standard starts, gateway alone',
      clients: o.clients,
      starts: r.calls,
      startsPerSecond: Math.round(r.calls / r.seconds),
      gatewayCpuMicrosPerStart: microsPer(gatewayCpu, r.calls),
      redisCpuMicrosPerStart: microsPer(redisCpu, r.calls),
      clientCpuMicrosPerStart: Math.round((clientCpu.user + clientCpu.system) / r.calls),
    });
    // One executor on the work those starts left: measured from once it is ready (its boot is not
    // counted) until the stream is empty; what it ran before it was ready is not counted either.
    const work = new RedisKeys(targetOptions.keyPrefix).workflowWork();
    const executor = await target.addApp('executor');
    const executorCpu = new CpuMeter(executor.pid);
    const drainRedisCpu = new CpuMeter(target.redisPid!);
    executorCpu.begin();
    drainRedisCpu.begin();
    const left = await redis.xlen(work);
    const started = performance.now();
    const deadline = started + 300_000;
    while ((await redis.xlen(work)) > 0 && performance.now() < deadline) await sleep(20);
    const seconds = (performance.now() - started) / 1000;
    executorCpu.end();
    drainRedisCpu.end();
    const listed = await listAll(clients[0], stateMachineArn);
    clients.forEach((c) => c.destroy());
    const line = {
      ...base,
      processes: ['executor'],
      metric: 'executions run, executor alone',
      executions: left,
      executionsPerSecond: Math.round(left / seconds),
      durableTransitionsPerSecond: Math.round((left * BENCHMARK_TRANSITIONS) / seconds),
      succeeded: listed.filter((e) => e.status === 'SUCCEEDED').length,
      of: listed.length,
      executorCpuMicrosPerExecution: microsPer(executorCpu, left),
      redisCpuMicrosPerExecution: microsPer(drainRedisCpu, left),
    };
    emit(line);
    return line;
  } finally {
    redis.disconnect();
    await target.stop();
  }
}

/** The durable engine without HTTP: create, then commit every step, as an executor does. */
async function engine(redisUrl: string, o: ReturnType<typeof options>, runId: string) {
  const redis = connectRedis(redisUrl);
  const store = new ExecutionStore(redis, new RedisKeys(`sfnengine${runId}`));
  const definition = JSON.stringify(BENCHMARK_WORKFLOW);
  const compiled = loadDefinition(definition);
  const definitionSha = await store.putDefinition(definition);
  const runtime = nodeRuntime();
  let commits = 0;
  const r = await loops(o.clients, o.seconds, async () => {
    const ref = {
      machine: { accountId: '000000000000', region: 'us-east-1', name: 'engine' },
      name: randomUUID(),
    };
    const eng = new ExecutionEngine(compiled, runtime);
    const { state, advance } = eng.start(BENCHMARK_INPUT, { executionName: ref.name });
    const now = Date.now();
    await store.create(
      ref,
      {
        status: 'RUNNING',
        input: '{}',
        started: String(now),
        definitionSha,
        roleArn: ROLE,
        state: storedState(state),
        version: '1',
      },
      advance.events.map((e) => storeEvent(e, now)),
      now,
    );
    let version = '1';
    while (state.status === 'RUNNING' && state.runQueue.length > 0) {
      const adv = await advanceRunnable(eng, state);
      const at = Date.now();
      ({ version } = await store.commit(
        ref,
        version,
        { state: storedState(state), ...endedFields(state, at) },
        adv.events.map((e) => storeEvent(e, at)),
      ));
      commits++;
    }
    if (state.status !== 'SUCCEEDED') throw new Error(`engine run ended ${state.status}`);
  });
  redis.disconnect();
  const line = {
    bench: 'sfn',
    phase: 'engine',
    target: 'switchyard engine in-process',
    metric: 'durable transitions',
    loops: o.clients,
    executions: r.calls,
    commitsPerExecution: Math.round((commits / r.calls) * 10) / 10,
    durableTransitionsPerSecond: Math.round((r.calls * BENCHMARK_TRANSITIONS) / r.seconds),
    target5000: 5000,
  };
  emit(line);
  return line;
}

async function main(): Promise<void> {
  const o = options();
  const workDir = mkdtempSync(join(tmpdir(), 'sfn-bench-'));
  const runId = randomUUID().slice(0, 8);
  const targetOptions = {
    root: ROOT,
    workDir,
    // SFN_BENCH_CPU_PROF=<dir> profiles every Switchyard process.
    serverNodeFlags: process.env.SFN_BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SFN_BENCH_CPU_PROF}`]
      : [],
    keyPrefix: `sfnbench${runId}`,
  };
  const targets: RunningTarget[] = [];
  const results: Record<string, Record<string, unknown>> = {};
  const work = await functionServer(o.taskMs);
  try {
    // Before the other targets start: nothing else of Switchyard's runs meanwhile.
    if (o.phases.includes('alone')) {
      progress('switchyard: the gateway alone, then an executor alone');
      await alone(o, { ...targetOptions, keyPrefix: `sfnalone${runId}` }, runId);
      if (o.phases.every((phase) => phase === 'alone')) return;
    }
    progress('starting the do-nothing endpoint');
    targets.push(
      await startAnnouncing(
        'null',
        targetOptions,
        ['-r', '@swc-node/register', join(ROOT, 'bench/workflows/null-sfn.server.ts')],
        {
          storage: 'none',
        },
      ),
    );
    progress('starting switchyard: orchestration-gateway, executor, executor');
    targets.push(
      await startSwitchyardApps(
        'switchyard',
        targetOptions,
        ['orchestration-gateway', 'executor', 'executor'],
        { SWITCHYARD_LAMBDA_FUNCTIONS: `work=${work.url}` },
      ),
    );
    /** Every round's result line, by phase and target. */
    const rounds = new Map<string, Record<string, unknown>[]>();
    for (const phase of o.phases) {
      if (phase === 'engine') {
        progress('engine');
        results.engine = await engine(targets[1].redisUrl!, o, runId);
        continue;
      }
      if (phase === 'alone') continue;
      if (phase === 'map') {
        progress(`switchyard: an inline Map of ${o.mapItems} tasks`);
        const base = { bench: 'sfn', phase, target: 'switchyard', ...targets[1].info };
        results.map = await wideMap(targets[1], o, base, runId, work.calls);
        continue;
      }
      const run = phase === 'starts' ? starts : sync;
      if (o.warmup > 0)
        for (const target of targets) {
          progress(`${target.name}: ${phase}, warm-up of ${o.warmup} s (not counted)`);
          const base = { bench: 'sfn', phase, round: 'warm-up', target: target.name, ...target.info };
          await run(target, { ...o, seconds: o.warmup }, base, `${runId}w`);
        }
      for (let round = 1; round <= o.rounds; round++)
        for (const target of targets) {
          progress(`${target.name}: ${phase}, round ${round} of ${o.rounds}`);
          const base = { bench: 'sfn', phase, round, target: target.name, ...target.info };
          const line = await run(target, o, base, `${runId}${round}`);
          const key = `${phase}:${target.name}`;
          rounds.set(key, [...(rounds.get(key) ?? []), line]);
        }
    }
    // Each target's median round, figure by figure.
    for (const [key, lines] of rounds)
      results[key] = Object.fromEntries(
        ['startsPerSecond', 'durableTransitionsPerSecond', 'executionsPerSecond']
          .filter((figure) => typeof lines[0][figure] === 'number')
          .map((figure) => [figure, median(lines.map((l) => l[figure] as number))]),
      );
    const ratio = (a?: unknown, b?: unknown) =>
      typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null;
    const nullStarts = results['starts:null']?.startsPerSecond;
    emit({
      bench: 'sfn',
      metric: 'summary',
      rounds: o.rounds,
      warmupSeconds: o.warmup,
      medians: Object.fromEntries(
        Object.entries(results).filter(([key]) => key !== 'engine' && key !== 'map'),
      ),
      standardStartsVsCeiling: ratio(results['starts:switchyard']?.startsPerSecond, nullStarts),
      expressSyncVsCeiling: ratio(
        results['sync:switchyard']?.executionsPerSecond,
        results['sync:null']?.executionsPerSecond,
      ),
      durableTransitionsVsHalfTwelveTimesCeilingStarts: ratio(
        results['starts:switchyard']?.durableTransitionsPerSecond,
        typeof nullStarts === 'number' ? 0.5 * BENCHMARK_TRANSITIONS * nullStarts : undefined,
      ),
      engineDurableTransitionsPerSecond: results.engine?.durableTransitionsPerSecond ?? null,
      inlineMapFloorVsDuration: results.map?.floorVsDuration ?? null,
      targets: {
        standardStartsVsCeiling: 0.7,
        expressSyncVsCeiling: 0.7,
        durableTransitionsVsHalfTwelveTimesCeilingStarts: 1,
        engineDurableTransitionsPerSecond: 5000,
      },
    });
  } finally {
    for (const t of targets) await t.stop();
    work.server.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
