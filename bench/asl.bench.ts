// Executions per second of the in-memory ASL driver against aws-local-stepfunctions, both
// running the same 12-transition definition in this process. One JSON object per line on stdout.
import { runExecution } from '@switchyard/asl';
import { nodeRuntime } from '@switchyard/asl-node';
import { BENCHMARK_INPUT as input, BENCHMARK_WORKFLOW as definition } from './workflows/benchmark-workflow';

// aws-local-stepfunctions 3 declares node >= 22 and calls Promise.withResolvers (added in node 22)
// in its Task path. This definition has no Task state, but install the standard shape if absent so
// that the comparison also holds on node 20.
const promiseCtor = Promise as unknown as { withResolvers?: () => unknown };
if (typeof promiseCtor.withResolvers !== 'function') {
  promiseCtor.withResolvers = () => {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { StateMachine } = require('aws-local-stepfunctions') as {
  StateMachine: new (
    definition: unknown,
    options?: unknown,
  ) => { run(input: unknown, options?: unknown): { result: Promise<unknown> } };
};

const text = JSON.stringify(definition);
const runtime = { ...nodeRuntime(), sleep: async () => undefined };

async function switchyardOnce(): Promise<unknown> {
  const result = await runExecution(text, input, runtime);
  if (result.status !== 'SUCCEEDED')
    throw new Error(`switchyard run failed: ${result.error} ${result.cause}`);
  return result.output;
}

const alsf = new StateMachine(definition, { validationOptions: { checkPaths: false, checkArn: false } });
async function alsfOnce(): Promise<unknown> {
  return alsf.run(input).result;
}

async function measure(
  run: () => Promise<unknown>,
  seconds: number,
): Promise<{ executions: number; elapsedMs: number }> {
  for (let i = 0; i < 200; i++) await run();
  const start = performance.now();
  let executions = 0;
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < 50; i++) await run();
    executions += 50;
  }
  return { executions, elapsedMs: performance.now() - start };
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 3);
  const ours = await switchyardOnce();
  const theirs = await alsfOnce();
  const sameOutput = JSON.stringify(ours) === JSON.stringify(theirs);
  const a = await measure(switchyardOnce, seconds);
  const b = await measure(alsfOnce, seconds);
  const oursRate = (a.executions / a.elapsedMs) * 1000;
  const theirsRate = (b.executions / b.elapsedMs) * 1000;
  const common = {
    bench: 'asl',
    workflow: '12-transition (Pass, Map x3, Choice, Parallel x2, Succeed)',
    node: process.version,
  };
  console.log(
    JSON.stringify({
      ...common,
      engine: '@switchyard/asl',
      executions: a.executions,
      elapsedMs: Math.round(a.elapsedMs),
      executionsPerSecond: Math.round(oursRate),
    }),
  );
  console.log(
    JSON.stringify({
      ...common,
      engine: 'aws-local-stepfunctions',
      executions: b.executions,
      elapsedMs: Math.round(b.elapsedMs),
      executionsPerSecond: Math.round(theirsRate),
    }),
  );
  console.log(
    JSON.stringify({
      ...common,
      metric: 'ratio',
      ratio: Number((oursRate / theirsRate).toFixed(2)),
      target: 8,
      sameOutput,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
