// Distributed Map: items per second through Switchyard (an orchestration gateway and two executor
// processes on a durable Redis, each item a child execution) against the same Map run by the engine
// in this process, its items as threads (no Redis, no processes: the ceiling of the work itself).
// One JSON object per line on stdout.
// Usage: npm run bench -- sfn-map [--items 100000] [--concurrency 1000] [--rounds 1]
// The items come from a JSON document the ItemReader reads (s3:getObject on a configured bucket);
// each is a child execution of one Pass state; the results are written by a ResultWriter, as a
// 100,000-item result is over the 256 KiB state output limit. Progress on stderr.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { runExecution } from '@switchyard/asl';
import { nodeRuntime } from '@switchyard/asl-node';
import { benchArgs, emitLine, median } from './bench-args';
import { CpuMeter } from './sqs/process-cpu';
import { startSwitchyardApps } from './sqs/targets';

const ROOT = join(__dirname, '..');
const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const progress = (msg: string) => process.stderr.write(`[sfn-map bench] ${msg}\n`);

function options() {
  const args = benchArgs(process.argv.slice(2), ['items', 'concurrency', 'rounds']);
  return {
    items: Number(args.get('items') ?? 100_000),
    concurrency: Number(args.get('concurrency') ?? 1000),
    rounds: Number(args.get('rounds') ?? 1),
  };
}

/** The benchmark's Map: each item read from the bucket, through one Pass state, MaxConcurrency at a time. */
function definition(concurrency: number) {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: { Bucket: 'bench', Key: 'items.json' },
        },
        ResultWriter: {
          Resource: 'arn:aws:states:::s3:putObject',
          Parameters: { Bucket: 'bench', Prefix: 'results' },
          WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSONL' },
        },
        MaxConcurrency: concurrency,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Touch',
          States: { Touch: { Type: 'Pass', Parameters: { 'id.$': '$.id', done: true }, End: true } },
        },
        End: true,
      },
    },
  };
}

async function switchyard(o: ReturnType<typeof options>, workDir: string, runId: string, round: number) {
  const bucket = join(workDir, 'bucket');
  const target = await startSwitchyardApps(
    'switchyard',
    { root: ROOT, workDir, serverNodeFlags: [], keyPrefix: `sfnmap${runId}${round}` },
    ['orchestration-gateway', 'executor', 'executor'],
    { SWITCHYARD_BUCKETS: `bench=${pathToFileURL(bucket).href}` },
  );
  const sfn = new SFNClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'secret' },
    maxAttempts: 3,
  });
  try {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: `bench-map-${runId}`,
        roleArn: ROLE,
        definition: JSON.stringify(definition(o.concurrency)),
      }),
    );
    const cpu = new CpuMeter(target.cpuPids);
    cpu.begin();
    const started = performance.now();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    let d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    while (d.status === 'RUNNING') {
      await sleep(500);
      d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    }
    const seconds = (performance.now() - started) / 1000;
    cpu.end();
    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    const run = mapRuns?.[0]
      ? await sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns[0].mapRunArn }))
      : undefined;
    return {
      bench: 'sfn-map',
      target: 'switchyard',
      ...target.info,
      round,
      status: d.status,
      items: o.items,
      succeeded: run?.itemCounts?.succeeded ?? 0,
      maxConcurrency: o.concurrency,
      seconds: Math.round(seconds * 10) / 10,
      itemsPerSecond: Math.round(o.items / seconds),
      ...cpu.report(seconds, o.items),
    };
  } finally {
    sfn.destroy();
    await target.stop();
  }
}

/**
 * The same Distributed Map run by the engine in this process, its items as threads: no Redis, no
 * processes, nothing durable (the ceiling of the work itself).
 */
async function inMemory(o: ReturnType<typeof options>, items: unknown[], round: number) {
  const started = performance.now();
  const result = await runExecution(
    JSON.stringify(definition(o.concurrency)),
    {},
    {
      ...nodeRuntime(),
      maxTransitions: Number.MAX_SAFE_INTEGER,
      itemReader: async () => items,
      resultWriter: async () => ({ written: true }),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    bench: 'sfn-map',
    target: 'engine in memory (no Redis, no processes)',
    round,
    status: result.status,
    items: o.items,
    maxConcurrency: o.concurrency,
    seconds: Math.round(seconds * 10) / 10,
    itemsPerSecond: Math.round(o.items / seconds),
  };
}

async function main(): Promise<void> {
  const o = options();
  const workDir = mkdtempSync(join(tmpdir(), 'sfn-map-bench-'));
  const runId = randomUUID().slice(0, 8);
  const items = Array.from({ length: o.items }, (_, id) => ({ id }));
  try {
    const bucket = join(workDir, 'bucket');
    mkdirSync(bucket, { recursive: true });
    writeFileSync(join(bucket, 'items.json'), JSON.stringify(items));
    const lines: Record<string, number>[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      progress(`round ${round}: switchyard, ${o.items} items`);
      const s = await switchyard(o, workDir, runId, round);
      emitLine(s);
      progress(`round ${round}: engine in memory`);
      const m = await inMemory(o, items, round);
      emitLine(m);
      lines.push({ switchyard: s.itemsPerSecond, memory: m.itemsPerSecond });
    }
    const sw = median(lines.map((l) => l.switchyard));
    const mem = median(lines.map((l) => l.memory));
    emitLine({
      bench: 'sfn-map',
      metric: 'summary',
      items: o.items,
      switchyardItemsPerSecond: sw,
      inMemoryItemsPerSecond: mem,
      switchyardVsInMemory: Math.round((sw / mem) * 1000) / 1000,
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
