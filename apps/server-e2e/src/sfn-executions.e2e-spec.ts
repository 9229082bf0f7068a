import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { describeWhenEnded } from './test-support/step-functions';
import { startTestServer, type TestServer } from './test-support/test-server';

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';
const FN = 'arn:aws:lambda:us-east-1:000000000000:function';

/**
 * Standard executions through the SDK: stored, advanced by the server's executor step by step,
 * with durable timers, Lambda tasks through the function registry, Retry and Catch, Parallel and Map.
 */
describe('Step Functions Standard executions', () => {
  let fn: Server;
  let server: TestServer;
  let sfn: SFNClient;
  /** Calls of the `flaky` function so far: it fails twice, then answers. */
  let flakyCalls = 0;
  /** Whether the `toggle` function answers (it fails until a test sets this). */
  let toggleWorks = false;
  /** What the `record` function was called with. */
  const recorded: unknown[] = [];
  /** Whether the `gate` function answers (it fails until a test opens it). */
  let gateOpen = false;

  beforeAll(async () => {
    fn = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const payload = JSON.parse(body) as Record<string, unknown>;
        if (req.url === '/double')
          return res.writeHead(200).end(JSON.stringify({ n: Number(payload.n) * 2 }));
        if (req.url === '/flaky' && ++flakyCalls <= 2)
          return res
            .writeHead(500)
            .end(JSON.stringify({ errorType: 'Flaky', errorMessage: `failure ${flakyCalls}` }));
        if (req.url === '/flaky')
          return res.writeHead(200).end(JSON.stringify({ ok: true, calls: flakyCalls }));
        if (req.url === '/record') {
          recorded.push(payload);
          return res.writeHead(200).end(JSON.stringify({ recorded: true }));
        }
        if (req.url === '/gate')
          return gateOpen
            ? res.writeHead(200).end(JSON.stringify({ passed: payload }))
            : res.writeHead(500).end(JSON.stringify({ errorType: 'Closed', errorMessage: 'not yet' }));
        if (req.url === '/toggle')
          return toggleWorks
            ? res.writeHead(200).end(JSON.stringify({ ok: true }))
            : res.writeHead(500).end(JSON.stringify({ errorType: 'NotYet', errorMessage: 'not yet' }));
        res.writeHead(500).end(JSON.stringify({ errorType: 'Broken', errorMessage: 'always fails' }));
      });
    });
    await new Promise<void>((resolve) => fn.listen(0, '127.0.0.1', resolve));
    const port = (fn.address() as AddressInfo).port;
    server = await startTestServer({
      SWITCHYARD_LAMBDA_FUNCTIONS: ['double', 'flaky', 'broken', 'toggle', 'record', 'gate']
        .map((name) => `${name}=http://127.0.0.1:${port}/${name}`)
        .join(','),
    });
    sfn = server.sfn();
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => fn.close(resolve));
  });

  const machine = async (name: string, definition: object) =>
    (
      await sfn.send(
        new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }),
      )
    ).stateMachineArn!;

  /** Describes the execution until it has ended (or 15 s passed). */
  const ended = (executionArn: string) => describeWhenEnded(sfn, executionArn);

  async function historyTypes(executionArn: string): Promise<string[]> {
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    return (events ?? []).map((e) => e.type!);
  }

  it('runs Pass, Choice and Succeed to the end and keeps the history as AWS shapes it', async () => {
    const stateMachineArn = await machine('std-choice', {
      StartAt: 'Greet',
      States: {
        Greet: { Type: 'Pass', Parameters: { 'msg.$': "States.Format('hi {}', $.who)" }, Next: 'Which' },
        Which: {
          Type: 'Choice',
          Choices: [{ Variable: '$.msg', StringEquals: 'hi ann', Next: 'Done' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    });
    const { executionArn, startDate } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'first', input: '{"who":"ann"}' }),
    );
    expect(executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:std-choice:first');
    expect(startDate).toBeInstanceOf(Date);
    const d = await ended(executionArn!);
    expect(d).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"msg":"hi ann"}',
      input: '{"who":"ann"}',
      name: 'first',
    });
    expect(d.stopDate).toBeInstanceOf(Date);
    expect(await historyTypes(executionArn!)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    const page1 = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 3, reverseOrder: true }),
    );
    expect(page1.events?.map((e) => e.id)).toEqual([8, 7, 6]);
    const page2 = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn,
        maxResults: 3,
        reverseOrder: true,
        nextToken: page1.nextToken,
      }),
    );
    expect(page2.events?.map((e) => e.id)).toEqual([5, 4, 3]);
    const first = (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1 })))
      .events![0];
    expect(first).toMatchObject({
      id: 1,
      previousEventId: 0,
      type: 'ExecutionStarted',
      executionStartedEventDetails: { input: '{"who":"ann"}', roleArn: ROLE },
    });
    expect(first.timestamp).toBeInstanceOf(Date);
    const forExecution = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(forExecution).toMatchObject({ stateMachineArn, name: 'std-choice', roleArn: ROLE });
  });

  it('is idempotent as AWS is: the same name and input answer the first start, another input is refused', async () => {
    const stateMachineArn = await machine('std-idem', {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 2, End: true } },
    });
    const a = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'once', input: '{"a":1}' }));
    const b = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'once', input: '{"a":1}' }));
    expect(b.startDate?.getTime()).toBe(a.startDate?.getTime());
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'once', input: '{"a":2}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    const done = await ended(a.executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    // The repeated starts handed the executors their own fields too: none of them ran instead.
    expect(done.output).toBe('{"a":1}');
    expect((await historyTypes(a.executionArn!)).filter((t) => t === 'ExecutionStarted')).toHaveLength(1);
    // A closed execution's name is taken whatever the input.
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'once', input: '{"a":1}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('times out an execution past its TimeoutSeconds while it waits', async () => {
    const stateMachineArn = await machine('std-timeout', {
      TimeoutSeconds: 1,
      StartAt: 'Long',
      States: { Long: { Type: 'Wait', Seconds: 60, End: true } },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    expect(await ended(executionArn!)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    const types = await historyTypes(executionArn!);
    expect(types[types.length - 1]).toBe('ExecutionTimedOut');
  });

  it('waits on a durable timer and stops a waiting execution as ABORTED', async () => {
    const stateMachineArn = await machine('std-wait', {
      StartAt: 'Short',
      States: {
        Short: { Type: 'Wait', Seconds: 1, Next: 'Long' },
        Long: { Type: 'Wait', Seconds: 3600, End: true },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'sleepy' }));
    const deadline = Date.now() + 10_000;
    while (!(await historyTypes(executionArn!)).includes('WaitStateExited') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(await historyTypes(executionArn!)).toContain('WaitStateExited');
    const { stopDate } = await sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'no longer needed' }),
    );
    expect(stopDate).toBeInstanceOf(Date);
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(d).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'no longer needed' });
    const types = await historyTypes(executionArn!);
    expect(types[types.length - 1]).toBe('ExecutionAborted');
    const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'ABORTED' }));
    expect(aborted.executions?.map((e) => e.name)).toEqual(['sleepy']);
  });

  it('invokes Lambda functions, retries a flaky one and catches a broken one', async () => {
    const stateMachineArn = await machine('std-lambda', {
      StartAt: 'Double',
      States: {
        Double: { Type: 'Task', Resource: `${FN}:double`, Next: 'Flaky' },
        Flaky: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'flaky', 'Payload.$': '$' },
          ResultSelector: { 'ok.$': '$.Payload.ok', 'status.$': '$.StatusCode' },
          ResultPath: '$.flaky',
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 3 }],
          Next: 'Broken',
        },
        Broken: {
          Type: 'Task',
          Resource: `${FN}:broken`,
          Catch: [{ ErrorEquals: ['Broken'], ResultPath: '$.caught', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"n":21}' }),
    );
    const d = await ended(executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    const output = JSON.parse(d.output!);
    expect(output).toMatchObject({ n: 42, flaky: { ok: true, status: 200 }, caught: { Error: 'Broken' } });
    expect(JSON.parse(output.caught.Cause)).toEqual({ errorType: 'Broken', errorMessage: 'always fails' });
    const types = await historyTypes(executionArn!);
    expect(types.filter((t) => t === 'TaskFailed')).toHaveLength(2);
    expect(types).toContain('LambdaFunctionSucceeded');
    expect(types).toContain('LambdaFunctionFailed');
  });

  it('runs Parallel branches and Map iterations and joins them', async () => {
    const stateMachineArn = await machine('std-fork', {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'a', End: true } } },
            {
              StartAt: 'Each',
              States: {
                Each: {
                  Type: 'Map',
                  ItemsPath: '$.items',
                  MaxConcurrency: 2,
                  ItemProcessor: {
                    StartAt: 'Twice',
                    States: { Twice: { Type: 'Task', Resource: `${FN}:double`, End: true } },
                  },
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        input: JSON.stringify({ items: [{ n: 1 }, { n: 2 }, { n: 3 }] }),
      }),
    );
    const d = await ended(executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual(['a', [{ n: 2 }, { n: 4 }, { n: 6 }]]);
    const types = await historyTypes(executionArn!);
    expect(types.filter((t) => t === 'MapIterationSucceeded')).toHaveLength(3);
  });

  it('redrives a failed execution from the state that failed, once per client token', async () => {
    const stateMachineArn = await machine('std-redrive', {
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Result: { step: 1 }, Next: 'Call' },
        Call: { Type: 'Task', Resource: `${FN}:toggle`, End: true },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'again' }));
    expect(await ended(executionArn!)).toMatchObject({
      status: 'FAILED',
      error: 'NotYet',
      redriveStatus: 'REDRIVABLE',
      redriveCount: 0,
    });
    toggleWorks = true;
    const first = await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: 'fix-1' }));
    const repeat = await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: 'fix-1' }));
    expect(repeat.redriveDate?.getTime()).toBe(first.redriveDate?.getTime());
    const d = await ended(executionArn!);
    expect(d).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":true}', redriveCount: 1 });
    const types = await historyTypes(executionArn!);
    expect(types.filter((t) => t === 'PassStateEntered')).toHaveLength(1);
    expect(types).toContain('ExecutionRedriven');
    await expect(sfn.send(new RedriveExecutionCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
    });
    const redriven = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, redriveFilter: 'REDRIVEN' }),
    );
    expect(redriven.executions?.map((e) => e.name)).toEqual(['again']);
    const never = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, redriveFilter: 'NOT_REDRIVEN' }),
    );
    expect(never.executions).toEqual([]);
  });

  it('refuses to redrive an execution whose history reached the limit of 25,000 events', async () => {
    const stateMachineArn = await machine('std-endless', {
      StartAt: 'Tick',
      States: {
        Tick: { Type: 'Pass', Next: 'Again' },
        Again: {
          Type: 'Choice',
          Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }],
          Default: 'Tick',
        },
        Done: { Type: 'Succeed' },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const d = await ended(executionArn!);
    expect(d).toMatchObject({ status: 'FAILED', error: 'States.Runtime', redriveStatus: 'NOT_REDRIVABLE' });
    expect(d.redriveStatusReason).toMatch(/history has 25000 events/);
    await expect(sfn.send(new RedriveExecutionCommand({ executionArn }))).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
      message: expect.stringMatching(/history has 25000 events/),
    });
  }, 120_000);

  it('redrives only the Parallel branches and Map iterations that did not succeed', async () => {
    const record = (what: object) => ({
      Type: 'Task',
      Resource: `${FN}:record`,
      Parameters: what,
      End: true,
    });
    const gate = { Type: 'Task', Resource: `${FN}:gate`, End: true };
    const parallel = await machine('std-redrive-parallel', {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Record', States: { Record: record({ branch: 'a' }) } },
            { StartAt: 'Gate', States: { Gate: gate } },
          ],
          End: true,
        },
      },
    });
    const map = await machine('std-redrive-map', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: 'Which',
            States: {
              Which: {
                Type: 'Choice',
                Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Gate' }],
                Default: 'Record',
              },
              Gate: gate,
              Record: record({ 'item.$': '$' }),
            },
          },
          End: true,
        },
      },
    });
    recorded.length = 0;
    const p = await sfn.send(new StartExecutionCommand({ stateMachineArn: parallel }));
    const m = await sfn.send(new StartExecutionCommand({ stateMachineArn: map, input: '[1, 2, 3]' }));
    expect(await ended(p.executionArn!)).toMatchObject({ status: 'FAILED', error: 'Closed' });
    expect(await ended(m.executionArn!)).toMatchObject({ status: 'FAILED', error: 'Closed' });
    expect(recorded).toEqual(expect.arrayContaining([{ branch: 'a' }, { item: 1 }]));
    expect(recorded).toHaveLength(2);

    gateOpen = true;
    await sfn.send(new RedriveExecutionCommand({ executionArn: p.executionArn }));
    await sfn.send(new RedriveExecutionCommand({ executionArn: m.executionArn }));
    const pd = await ended(p.executionArn!);
    const md = await ended(m.executionArn!);
    expect(pd.status).toBe('SUCCEEDED');
    expect(JSON.parse(pd.output!)).toEqual([{ recorded: true }, { passed: {} }]);
    expect(md.status).toBe('SUCCEEDED');
    expect(JSON.parse(md.output!)).toEqual([{ recorded: true }, { passed: 2 }, { recorded: true }]);
    // The branch and the item that succeeded the first time were not run again; item 3 ran once.
    expect(recorded).toHaveLength(3);
    expect(recorded).toContainEqual({ item: 3 });
    const mapHistory = await historyTypes(m.executionArn!);
    expect(mapHistory.filter((t) => t === 'MapIterationStarted')).toHaveLength(2 + 2);
  });

  it('deletes a machine as AWS does: DELETING at once, its running executions ended, then gone', async () => {
    const stateMachineArn = await machine('std-deleted', {
      StartAt: 'Long',
      States: { Long: { Type: 'Wait', Seconds: 3600, End: true } },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'orphan' }));
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn }))).rejects.toMatchObject({
      name: 'StateMachineDeleting',
    });
    const d = await ended(executionArn!);
    expect(d.status).toBe('ABORTED');
    const deadline = Date.now() + 10_000;
    let error: { name?: string } | undefined;
    while (!error && Date.now() < deadline) {
      error = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn })).then(
        () => undefined,
        (e: { name?: string }) => e,
      );
      if (!error) await new Promise((r) => setTimeout(r, 100));
    }
    expect(error?.name).toBe('StateMachineDoesNotExist');
    // The execution stays describable after its machine is gone.
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('ABORTED');
  });

  it('runs Express executions with Lambda tasks: synchronously in the gateway, asynchronously on an executor', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'express-lambda',
        type: 'EXPRESS',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Double',
          States: {
            Double: { Type: 'Task', Resource: `${FN}:double`, Next: 'Record' },
            Record: { Type: 'Task', Resource: `${FN}:record`, ResultPath: null, End: true },
          },
        }),
      }),
    );
    const sync = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"n":5}' }));
    expect(sync).toMatchObject({ status: 'SUCCEEDED', output: '{"n":10}' });
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'async-one', input: '{"n":7}' }),
    );
    expect(started.executionArn).toMatch(
      /^arn:aws:states:us-east-1:000000000000:express:express-lambda:async-one:[0-9a-f-]{36}$/,
    );
    const deadline = Date.now() + 10_000;
    while (!recorded.some((r) => (r as { n?: number }).n === 14) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(recorded).toContainEqual({ n: 14 });
    await expect(
      sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn })),
    ).rejects.toMatchObject({
      name: 'InvalidArn',
      message: "Invalid Arn: 'Resource type not valid in this context: express'",
    });
    await expect(sfn.send(new ListExecutionsCommand({ stateMachineArn }))).rejects.toMatchObject({
      name: 'StateMachineTypeNotSupported',
    });
  });

  it("refuses what does not name an execution in Step Functions' words", async () => {
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: 'arn:aws:states:us-east-1:000000000000:execution:nope:x',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn:
            'arn:aws:states:us-east-1:000000000000:express:m:x:00000000-0000-0000-0000-000000000000',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidArn',
      message: "Invalid Arn: 'Resource type not valid in this context: express'",
    });
  });
});
