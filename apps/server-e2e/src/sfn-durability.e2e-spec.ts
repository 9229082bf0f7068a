import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { ServerProcess } from './test-support/server-process';
import { eventCounts, fullHistory, workflowWorkLeft } from './test-support/step-functions';
import { freePort, testRedisUrl } from './test-support/test-server';

const EXECUTIONS = 200;
const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait, a Lambda task, a Parallel with a task in a branch, and a Map of three tasks, two at a time. */
const DEFINITION = {
  StartAt: 'Pause',
  States: {
    Pause: { Type: 'Wait', Seconds: 1, Next: 'Inc' },
    Inc: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:inc', Next: 'Fork' },
    Fork: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Mark', States: { Mark: { Type: 'Pass', Result: 'p', End: true } } },
        {
          StartAt: 'IncAgain',
          States: {
            IncAgain: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:000000000000:function:inc',
              End: true,
            },
          },
        },
      ],
      Next: 'Items',
    },
    Items: {
      Type: 'Pass',
      Parameters: { 'items.$': 'States.ArrayRange(1, 3, 1)', 'base.$': '$[1].n' },
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 2,
      ItemSelector: { 'n.$': 'States.MathAdd($$.Map.Item.Value, $.base)' },
      ItemProcessor: {
        StartAt: 'IncItem',
        States: {
          IncItem: {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:000000000000:function:inc',
            End: true,
          },
        },
      },
      End: true,
    },
  },
};

/** What every execution's history holds, whatever the order its branches and iterations ran in. */
const EXPECTED_COUNTS: Record<string, number> = {
  ExecutionStarted: 1,
  WaitStateEntered: 1,
  WaitStateExited: 1,
  TaskStateEntered: 5,
  LambdaFunctionScheduled: 5,
  LambdaFunctionStarted: 5,
  LambdaFunctionSucceeded: 5,
  TaskStateExited: 5,
  ParallelStateEntered: 1,
  ParallelStateStarted: 1,
  PassStateEntered: 2,
  PassStateExited: 2,
  ParallelStateSucceeded: 1,
  ParallelStateExited: 1,
  MapStateEntered: 1,
  MapStateStarted: 1,
  MapIterationStarted: 3,
  MapIterationSucceeded: 3,
  MapStateSucceeded: 1,
  MapStateExited: 1,
  ExecutionSucceeded: 1,
};

/**
 * The orchestration gateway and two executors as separate processes on one Redis: one executor is
 * SIGKILLed in the middle of 200 executions; the other takes its work over. Every execution ends with
 * the right output and a complete, well-formed history (each event once, ids in order, links backwards).
 */
describe('Step Functions durability: a SIGKILLed executor loses no execution', () => {
  const prefix = `sfn${randomUUID().slice(0, 8)}`;
  const processes: ServerProcess[] = [];
  let fn: Server;
  let calls = 0;
  let functions = '';
  let sfn: SFNClient;

  const start = async (app: string) => {
    const p = new ServerProcess(
      await freePort(),
      testRedisUrl(),
      prefix,
      { SWITCHYARD_LAMBDA_FUNCTIONS: functions },
      app,
    );
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
        setTimeout(() => res.writeHead(200).end(JSON.stringify({ n: n + 1 })), 10);
      });
    });
    await new Promise<void>((resolve) => fn.listen(0, '127.0.0.1', resolve));
    functions = `inc=http://127.0.0.1:${(fn.address() as AddressInfo).port}/inc`;
    const gateway = await start('orchestration-gateway');
    sfn = new SFNClient({
      endpoint: gateway.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDDUR', secretAccessKey: 'secret' },
      maxAttempts: 3,
    });
  });
  afterAll(async () => {
    sfn?.destroy();
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    await new Promise((resolve) => fn.close(resolve));
  });

  it('finishes all 200 executions with the right outputs and complete histories', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'durable',
        definition: JSON.stringify(DEFINITION),
        roleArn: ROLE,
      }),
    );
    const [a] = await Promise.all([start('executor'), start('executor')]);
    const arns: string[] = [];
    for (let i = 0; i < EXECUTIONS; i++) {
      const out = await sfn.send(
        new StartExecutionCommand({ stateMachineArn, name: `e${i}`, input: JSON.stringify({ n: i }) }),
      );
      arns.push(out.executionArn!);
    }
    // Each execution calls the function five times: kill one executor about half-way.
    const deadline = Date.now() + 60_000;
    while (calls < (EXECUTIONS * 5) / 2 && Date.now() < deadline) await sleep(20);
    await a.kill('SIGKILL');
    const killedAt = calls;

    const statuses = new Map<string, string>();
    while (statuses.size < EXECUTIONS && Date.now() < deadline + 60_000) {
      for (const arn of arns) {
        if (statuses.has(arn)) continue;
        const d = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
        if (d.status !== 'RUNNING') statuses.set(arn, d.status!);
      }
      if (statuses.size < EXECUTIONS) await sleep(250);
    }
    process.stderr.write(
      `${JSON.stringify({ executions: EXECUTIONS, killedAfterCalls: killedAt, functionCalls: calls, ended: statuses.size })}\n`,
    );
    expect([...statuses.values()].filter((s) => s === 'SUCCEEDED')).toHaveLength(EXECUTIONS);

    for (const [i, arn] of arns.entries()) {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      expect(JSON.parse(d.output!)).toEqual([{ n: i + 4 }, { n: i + 5 }, { n: i + 6 }]);
      const history = await fullHistory(sfn, arn);
      expect(history.map((e) => e.id)).toEqual(history.map((_, k) => k + 1));
      for (const e of history) expect(e.previousEventId!).toBeLessThan(e.id!);
      expect(eventCounts(history)).toEqual(EXPECTED_COUNTS);
    }

    // Every work item and branch task was acknowledged and deleted, those the killed executor held
    // included: the executors' streams hold only work in flight, so they do not grow with the
    // executions run.
    expect(await workflowWorkLeft(prefix)).toBe(0);
  }, 180_000);

  it('resumes a Wait after every Switchyard process was SIGKILLed and started again', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'restarted',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Nap',
          States: {
            Nap: { Type: 'Wait', Seconds: 2, Next: 'Done' },
            Done: { Type: 'Pass', Result: 'woke', End: true },
          },
        }),
      }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'nap' }));
    await sleep(300);
    await Promise.all(processes.splice(0).map((p) => p.kill('SIGKILL')));
    await sleep(2500);
    const gateway = await start('orchestration-gateway');
    await start('executor');
    const client = new SFNClient({
      endpoint: gateway.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDDUR', secretAccessKey: 'secret' },
    });
    try {
      const deadline = Date.now() + 30_000;
      let d = await client.send(new DescribeExecutionCommand({ executionArn }));
      while (d.status === 'RUNNING' && Date.now() < deadline) {
        await sleep(100);
        d = await client.send(new DescribeExecutionCommand({ executionArn }));
      }
      expect(d).toMatchObject({ status: 'SUCCEEDED', output: '"woke"' });
    } finally {
      client.destroy();
    }
  }, 60_000);
});
