import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { RedisKeys } from '@switchyard/redis';
import { ServerProcess } from './test-support/server-process';
import {
  createStateMachine,
  describeWhenEnded,
  eventCounts,
  fullHistory,
  workflowWorkLeft,
} from './test-support/step-functions';
import { freePort, testRedisUrl } from './test-support/test-server';

const FUNCTION = 'arn:aws:lambda:us-east-1:000000000000:function:work';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Parallel of two branches, then a Map of `items` iterations, each a call of `work`, `concurrency` at a time. */
function definition(items: number, concurrency: number): object {
  const task = { Type: 'Task', Resource: FUNCTION, End: true };
  return {
    StartAt: 'Fork',
    States: {
      Fork: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Left', States: { Left: task } },
          { StartAt: 'Right', States: { Right: task } },
        ],
        ResultSelector: {
          'items.$': `States.ArrayRange(1, ${items}, 1)`,
          'sum.$': 'States.MathAdd($[0].n, $[1].n)',
        },
        Next: 'Each',
      },
      Each: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: concurrency,
        ItemSelector: { 'n.$': '$$.Map.Item.Value', 'execution.$': '$$.Execution.Name' },
        ItemProcessor: { StartAt: 'Item', States: { Item: task } },
        End: true,
      },
    },
  };
}

/**
 * The orchestration gateway and two executors as separate processes on one Redis, each executor
 * calling the function through its own path, so the function server sees which executor performed
 * each task. The tasks of one execution's Parallel branches and Map iterations are performed by
 * both executors, MaxConcurrency holds across them, and a SIGKILLed executor's branch tasks are
 * performed by the other.
 */
describe('Step Functions: Parallel branches and Map iterations run across executors', () => {
  const prefix = `sfb${randomUUID().slice(0, 8)}`;
  const processes: ServerProcess[] = [];
  let fn: Server;
  let base = '';
  let sfn: SFNClient;
  /** Per execution: the calls each executor made, those running now, and the most at once. */
  const seen = new Map<string, { by: Record<string, number>; running: number; most: number }>();
  let delayMs = 100;
  let calls = 0;

  const start = async (app: string, env: Record<string, string> = {}) => {
    const p = new ServerProcess(await freePort(), testRedisUrl(), prefix, env, app);
    await p.start();
    processes.push(p);
    return p;
  };
  const executors: Record<string, ServerProcess> = {};
  const executor = async (path: string) =>
    (executors[path] = await start('executor', { SWITCHYARD_LAMBDA_FUNCTIONS: `work=${base}/${path}` }));

  beforeAll(async () => {
    fn = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        calls++;
        const input = JSON.parse(body) as { n?: number; execution?: string };
        const execution = input.execution ?? 'fork';
        const s = seen.get(execution) ?? { by: {}, running: 0, most: 0 };
        seen.set(execution, s);
        const path = (req.url ?? '').slice(1);
        s.by[path] = (s.by[path] ?? 0) + 1;
        s.running++;
        s.most = Math.max(s.most, s.running);
        setTimeout(() => {
          s.running--;
          res.writeHead(200).end(JSON.stringify({ n: (input.n ?? 1) * 10, by: path }));
        }, delayMs);
      });
    });
    await new Promise<void>((resolve) => fn.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(fn.address() as AddressInfo).port}`;
    const gateway = await start('orchestration-gateway');
    sfn = new SFNClient({
      endpoint: gateway.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDBRANCH', secretAccessKey: 'secret' },
    });
  });
  afterAll(async () => {
    sfn?.destroy();
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    await new Promise((resolve) => fn.close(resolve));
  });

  it("spreads one execution's branch and iteration tasks over both executors, MaxConcurrency at a time", async () => {
    await Promise.all([executor('a'), executor('b')]);
    const stateMachineArn = await createStateMachine(sfn, 'spread', definition(24, 6));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'spread' }));
    const d = await describeWhenEnded(sfn, executionArn!, 30_000);
    expect(d.status).toBe('SUCCEEDED');
    const output = JSON.parse(d.output!) as { n: number; by: string }[];
    expect(output.map((o) => o.n)).toEqual(Array.from({ length: 24 }, (_, i) => (i + 1) * 10));

    const iterations = seen.get('spread')!;
    const ms = d.stopDate!.getTime() - d.startDate!.getTime();
    process.stderr.write(`${JSON.stringify({ spread: iterations, ms })}\n`);
    expect(Object.keys(iterations.by).sort()).toEqual(['a', 'b']);
    expect(iterations.by.a + iterations.by.b).toBe(24);
    expect(iterations.most).toBeLessThanOrEqual(6);
    expect(iterations.most).toBeGreaterThan(1);

    const history = await fullHistory(sfn, executionArn!);
    expect(history.map((e) => e.id)).toEqual(history.map((_, k) => k + 1));
    expect(eventCounts(history)).toMatchObject({
      TaskStateEntered: 26,
      LambdaFunctionSucceeded: 26,
      MapIterationStarted: 24,
      MapIterationSucceeded: 24,
      ParallelStateSucceeded: 1,
      ExecutionSucceeded: 1,
    });
  }, 60_000);

  it('finishes the branch tasks a SIGKILLed executor was performing on the other', async () => {
    const stateMachineArn = await createStateMachine(sfn, 'killed', definition(40, 10));
    delayMs = 300;
    const before = calls;
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'killed' }));
    const deadline = Date.now() + 30_000;
    while ((seen.get('killed')?.by.b ?? 0) < 4 && Date.now() < deadline) await sleep(20);
    await executors.b.kill('SIGKILL');
    const d = await describeWhenEnded(sfn, executionArn!, 60_000);
    expect(d.status).toBe('SUCCEEDED');
    const output = JSON.parse(d.output!) as { n: number }[];
    expect(output.map((o) => o.n)).toEqual(Array.from({ length: 40 }, (_, i) => (i + 1) * 10));
    process.stderr.write(`${JSON.stringify({ killed: seen.get('killed'), calls: calls - before })}\n`);

    // Each iteration succeeded once in the history, whatever was performed twice.
    const history = await fullHistory(sfn, executionArn!);
    expect(history.map((e) => e.id)).toEqual(history.map((_, k) => k + 1));
    expect(eventCounts(history)).toMatchObject({
      TaskStateEntered: 42,
      LambdaFunctionSucceeded: 42,
      MapIterationSucceeded: 40,
      ExecutionSucceeded: 1,
    });

    // Nothing is left behind: no work in the streams, no handed task or outcome with the execution.
    const execution = new RedisKeys(prefix).execution('000000000000', 'killed', 'killed');
    expect(await workflowWorkLeft(prefix, [execution.handed, execution.outcomes])).toBe(0);
  }, 120_000);
});
