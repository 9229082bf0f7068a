import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { ServerProcess } from './test-support/server-process';
import { freePort, testRedisUrl } from './test-support/test-server';

const ITEMS = 10_000;
/** Work items an executor advances at once: at most that many tasks were in flight on the killed one. */
const IN_FLIGHT = 16;
const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A Distributed Map over 10,000 items, its children spread over two executor processes, one of
 * which is SIGKILLed half-way: the other takes its children and the run over, and the Map's output
 * holds every item's result exactly once, in item order.
 */
describe('Distributed Map durability: a SIGKILLed executor loses no item', () => {
  const prefix = `dmap${randomUUID().slice(0, 8)}`;
  const processes: ServerProcess[] = [];
  let fn: Server;
  let calls = 0;
  const perItem = new Map<number, number>();
  let sfn: SFNClient;

  const start = async (app: string, env: Record<string, string> = {}) => {
    const p = new ServerProcess(await freePort(), testRedisUrl(), prefix, env, app);
    await p.start();
    processes.push(p);
    return p;
  };

  beforeAll(async () => {
    fn = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        calls++;
        const n = Number((JSON.parse(body) as { n: number }).n);
        perItem.set(n, (perItem.get(n) ?? 0) + 1);
        res.writeHead(200).end(JSON.stringify({ n: n + 1 }));
      });
    });
    await new Promise<void>((resolve) => fn.listen(0, '127.0.0.1', resolve));
    const gateway = await start('orchestration-gateway');
    sfn = new SFNClient({
      endpoint: gateway.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDMAP', secretAccessKey: 'secret' },
      maxAttempts: 3,
    });
  });
  afterAll(async () => {
    sfn?.destroy();
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    await new Promise((resolve) => fn.close(resolve));
  });

  it('finishes the run with every item once', async () => {
    const functions = `inc=http://127.0.0.1:${(fn.address() as AddressInfo).port}/inc`;
    const [a] = await Promise.all([
      start('executor', { SWITCHYARD_LAMBDA_FUNCTIONS: functions }),
      start('executor', { SWITCHYARD_LAMBDA_FUNCTIONS: functions }),
    ]);
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'dmap-durable',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Each',
          States: {
            Each: {
              Type: 'Map',
              ItemsPath: '$.items',
              MaxConcurrency: 500,
              ItemSelector: { 'n.$': '$$.Map.Item.Value' },
              ItemProcessor: {
                ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
                StartAt: 'Inc',
                States: {
                  Inc: {
                    Type: 'Task',
                    Resource: 'arn:aws:lambda:us-east-1:000000000000:function:inc',
                    End: true,
                  },
                },
              },
              End: true,
            },
          },
        }),
      }),
    );
    const items = Array.from({ length: ITEMS }, (_, i) => i);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items }) }),
    );
    const deadline = Date.now() + 240_000;
    while (calls < ITEMS / 2 && Date.now() < deadline) await sleep(20);
    await a.kill('SIGKILL');
    const killedAt = calls;

    let d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    while (d.status === 'RUNNING' && Date.now() < deadline) {
      await sleep(250);
      d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    }
    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns![0].mapRunArn }));
    process.stderr.write(
      `${JSON.stringify({ items: ITEMS, killedAfterCalls: killedAt, functionCalls: calls, status: d.status, seconds: (d.stopDate!.getTime() - d.startDate!.getTime()) / 1000 })}\n`,
    );
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual(items.map((i) => ({ n: i + 1 })));
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      itemCounts: { total: ITEMS, succeeded: ITEMS, failed: 0, running: 0, pending: 0 },
    });
    // Only a task whose outcome was never recorded runs again: those in flight on the killed executor.
    expect(perItem.size).toBe(ITEMS);
    expect([...perItem.values()].filter((c) => c > 1).length).toBeLessThanOrEqual(IN_FLIGHT);
  }, 300_000);
});
