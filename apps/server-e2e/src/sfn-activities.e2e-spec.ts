import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListActivitiesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { describeWhenEnded } from './test-support/step-functions';
import { startTestServer, type TestServer } from './test-support/test-server';

// step-function-worker, the npm activity worker, used as its users use it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const StepFunctionWorker = require('step-function-worker') as new (options: {
  activityArn: string;
  workerName: string;
  fn: (
    input: Record<string, unknown>,
    cb: (err: Error | null, out?: unknown) => void,
    heartbeat: () => void,
  ) => void;
  awsConfig: Record<string, unknown>;
}) => { close(cb: () => void): void; on(event: string, listener: (...args: unknown[]) => void): void };

const ROLE = 'arn:aws:iam::000000000000:role/StepFunctionsRole';

/** Tasks that wait for the outside world: activities (with step-function-worker) and callbacks. */
describe('Step Functions activities and callbacks', () => {
  let server: TestServer;
  let sfn: SFNClient;
  let approver: Server;
  const tokens: string[] = [];

  beforeAll(async () => {
    approver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        tokens.push((JSON.parse(body) as { token: string }).token);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => approver.listen(0, '127.0.0.1', resolve));
    server = await startTestServer({
      SWITCHYARD_LAMBDA_FUNCTIONS: `approver=http://127.0.0.1:${(approver.address() as AddressInfo).port}/`,
    });
    sfn = server.sfn();
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => approver.close(resolve));
  });

  const ended = (executionArn: string) => describeWhenEnded(sfn, executionArn);
  const types = async (executionArn: string) =>
    ((await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? []).map(
      (e) => e.type,
    );
  const machine = async (name: string, definition: object) =>
    (
      await sfn.send(
        new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition) }),
      )
    ).stateMachineArn!;

  it('creates activities idempotently, describes, lists and deletes them', async () => {
    const a = await sfn.send(new CreateActivityCommand({ name: 'resize' }));
    expect(a.activityArn).toBe('arn:aws:states:us-east-1:000000000000:activity:resize');
    const again = await sfn.send(new CreateActivityCommand({ name: 'resize' }));
    expect(again.creationDate?.getTime()).toBe(a.creationDate?.getTime());
    expect(await sfn.send(new DescribeActivityCommand({ activityArn: a.activityArn }))).toMatchObject({
      name: 'resize',
      activityArn: a.activityArn,
    });
    expect((await sfn.send(new ListActivitiesCommand({}))).activities?.map((x) => x.name)).toContain(
      'resize',
    );
    await sfn.send(
      new TagResourceCommand({ resourceArn: a.activityArn, tags: [{ key: 'team', value: 'media' }] }),
    );
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: a.activityArn }))).tags).toEqual([
      { key: 'team', value: 'media' },
    ]);
    await sfn.send(new DeleteActivityCommand({ activityArn: a.activityArn }));
    await expect(sfn.send(new DescribeActivityCommand({ activityArn: a.activityArn }))).rejects.toMatchObject(
      {
        name: 'ActivityDoesNotExist',
      },
    );
  });

  it('hands activity tasks to step-function-worker, heartbeats and all', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'doubler' }));
    const stateMachineArn = await machine('with-activity', {
      StartAt: 'Work',
      States: {
        Work: { Type: 'Task', Resource: activityArn, HeartbeatSeconds: 5, TimeoutSeconds: 30, End: true },
      },
    });
    let heartbeats = 0;
    const worker = new StepFunctionWorker({
      activityArn: activityArn!,
      workerName: 'e2e-worker',
      fn: (input, cb, heartbeat) => {
        heartbeat();
        setTimeout(() => cb(null, { doubled: Number(input.n) * 2 }), 100);
      },
      awsConfig: {
        endpoint: server.url,
        region: 'us-east-1',
        accessKeyId: 'AKIDTEST',
        secretAccessKey: 'secret',
      },
    });
    worker.on('heartbeat', () => heartbeats++);
    try {
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn, input: '{"n":21}' }),
      );
      const d = await ended(executionArn!);
      expect(d).toMatchObject({ status: 'SUCCEEDED', output: '{"doubled":42}' });
      expect(heartbeats).toBeGreaterThan(0);
      expect(await types(executionArn!)).toEqual(
        expect.arrayContaining(['ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded']),
      );
    } finally {
      // The worker's pending long poll ends with the server; it is not waited for.
      worker.close(() => undefined);
    }
  });

  it('fails a task whose worker stops sending heartbeats, with States.HeartbeatTimeout', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'silent' }));
    const stateMachineArn = await machine('heartbeat-timeout', {
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: activityArn, HeartbeatSeconds: 1, End: true } },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'quiet' }));
    expect(task.taskToken).toBeTruthy();
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
    const d = await ended(executionArn!);
    expect(d).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(await types(executionArn!)).toContain('ActivityTimedOut');
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('waits for a human approval through a task token (callback) and resumes with the answer', async () => {
    const stateMachineArn = await machine('approval', {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: {
            FunctionName: 'approver',
            Payload: { 'token.$': '$$.Task.Token', 'order.$': '$.order' },
          },
          Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.rejection', Next: 'Rejected' }],
          Next: 'Approved',
        },
        Approved: { Type: 'Pass', End: true },
        Rejected: { Type: 'Pass', End: true },
      },
    });
    const yes = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"order":1}' }));
    const no = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"order":2}' }));
    const deadline = Date.now() + 10_000;
    while (tokens.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(tokens).toHaveLength(2);
    const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: yes.executionArn })))
      .events!;
    const scheduled = history.find((e) => e.type === 'TaskScheduled')!;
    const yesToken = JSON.parse(scheduled.taskScheduledEventDetails!.parameters!).Payload.token as string;
    const noToken = tokens.find((t) => t !== yesToken)!;
    await sfn.send(new SendTaskSuccessCommand({ taskToken: yesToken, output: '{"approved":true}' }));
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: noToken, error: 'Rejected', cause: 'too expensive' }),
    );
    expect(await ended(yes.executionArn!)).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"approved":true}',
    });
    const rejected = await ended(no.executionArn!);
    expect(rejected.status).toBe('SUCCEEDED');
    expect(JSON.parse(rejected.output!)).toEqual({
      order: 2,
      rejection: { Error: 'Rejected', Cause: 'too expensive' },
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: yesToken, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'no-such-token', output: '{}' })),
    ).rejects.toMatchObject({ name: 'InvalidToken', message: "Invalid Token: 'Invalid token'" });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: noToken, output: '{not json' })),
    ).rejects.toMatchObject({ name: 'InvalidOutput' });
  });
});
