import { nodeRuntime } from '../node/node-runtime';
import type { PendingOutcome, TaskRequest } from '../step/transition.types';
import { testState, type TestStateResult, UntestableState } from './test-state';

type TaskOutcome = Extract<PendingOutcome, { type: 'task' }>;
const TASK = 'arn:aws:states:::sqs:sendMessage';

interface Case {
  name: string;
  state: object;
  input: unknown;
  /** What the task answers (a Task state's case). */
  answer?: TaskOutcome;
  expected: Partial<TestStateResult>;
  /** Parameters the task must have been given. */
  parameters?: unknown;
}

const CASES: Case[] = [
  {
    name: 'a Pass state: InputPath, Parameters, ResultPath, OutputPath, each stage recorded',
    state: {
      Type: 'Pass',
      InputPath: '$.order',
      Parameters: { 'id.$': '$.id', fixed: 1 },
      ResultPath: '$.shaped',
      OutputPath: '$.shaped',
      Next: 'After',
    },
    input: { order: { id: 7 }, other: true },
    expected: {
      status: 'SUCCEEDED',
      nextState: 'After',
      output: { id: 7, fixed: 1 },
      inspection: {
        input: { order: { id: 7 }, other: true },
        afterInputPath: { id: 7 },
        afterParameters: { id: 7, fixed: 1 },
        result: { id: 7, fixed: 1 },
        afterResultPath: { order: { id: 7 }, other: true, shaped: { id: 7, fixed: 1 } },
      },
    },
  },
  {
    name: 'a Choice state names the state it chooses',
    state: {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericGreaterThan: 5, Next: 'Big' }],
      Default: 'Small',
    },
    input: { n: 9 },
    expected: { status: 'SUCCEEDED', nextState: 'Big', output: { n: 9 } },
  },
  {
    name: "a Task state's call, ResultSelector and ResultPath",
    state: {
      Type: 'Task',
      Resource: TASK,
      Parameters: { 'QueueUrl.$': '$.url', MessageBody: 'hi' },
      ResultSelector: { 'id.$': '$.MessageId' },
      ResultPath: '$.sent',
      End: true,
    },
    input: { url: 'q' },
    answer: { type: 'task', output: { MessageId: 'm-1', MD5OfMessageBody: 'x' } },
    parameters: { QueueUrl: 'q', MessageBody: 'hi' },
    expected: {
      status: 'SUCCEEDED',
      output: { url: 'q', sent: { id: 'm-1' } },
      inspection: {
        input: { url: 'q' },
        afterInputPath: { url: 'q' },
        afterParameters: { QueueUrl: 'q', MessageBody: 'hi' },
        result: { MessageId: 'm-1', MD5OfMessageBody: 'x' },
        afterResultSelector: { id: 'm-1' },
        afterResultPath: { url: 'q', sent: { id: 'm-1' } },
      },
    },
  },
  {
    name: 'a failed task a retrier would run again is RETRIABLE, with the retrier and its backoff',
    state: {
      Type: 'Task',
      Resource: TASK,
      Retry: [
        { ErrorEquals: ['Other'], MaxAttempts: 1 },
        { ErrorEquals: ['States.ALL'], IntervalSeconds: 3, MaxAttempts: 2 },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handle' }],
      End: true,
    },
    input: {},
    answer: { type: 'task', error: 'SQS.AmazonSQSException', cause: 'no queue' },
    expected: {
      status: 'RETRIABLE',
      error: 'SQS.AmazonSQSException',
      cause: 'no queue',
      inspection: {
        input: {},
        afterInputPath: {},
        errorDetails: { retryIndex: 1, retryBackoffIntervalSeconds: 3 },
      },
    },
  },
  {
    name: 'a failed task a catcher takes is CAUGHT_ERROR, going to its Next with the error output',
    state: {
      Type: 'Task',
      Resource: TASK,
      Catch: [
        { ErrorEquals: ['Nope'], Next: 'Never' },
        { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Handle' },
      ],
      End: true,
    },
    input: { a: 1 },
    answer: { type: 'task', error: 'SNS.NotFoundException', cause: 'gone' },
    expected: {
      status: 'CAUGHT_ERROR',
      nextState: 'Handle',
      error: 'SNS.NotFoundException',
      cause: 'gone',
      output: { a: 1, error: { Error: 'SNS.NotFoundException', Cause: 'gone' } },
      inspection: {
        input: { a: 1 },
        afterInputPath: { a: 1 },
        errorDetails: { catchIndex: 1 },
        afterResultPath: { a: 1, error: { Error: 'SNS.NotFoundException', Cause: 'gone' } },
      },
    },
  },
  {
    name: 'a failed task nothing takes is FAILED',
    state: { Type: 'Task', Resource: TASK, End: true },
    input: {},
    answer: { type: 'task', error: 'States.Http.StatusCode.503', cause: '{}' },
    expected: { status: 'FAILED', error: 'States.Http.StatusCode.503', cause: '{}' },
  },
  {
    name: 'a Fail state fails with its error and cause',
    state: { Type: 'Fail', Error: 'Bad', Cause: 'very' },
    input: {},
    expected: { status: 'FAILED', error: 'Bad', cause: 'very' },
  },
  {
    name: 'a Wait state moves on without waiting',
    state: { Type: 'Wait', Seconds: 86400, Next: 'Later' },
    input: { x: 1 },
    expected: { status: 'SUCCEEDED', nextState: 'Later', output: { x: 1 } },
  },
  {
    name: 'a JSONata Task state records its Arguments and the variables it assigns',
    state: {
      Type: 'Task',
      QueryLanguage: 'JSONata',
      Resource: TASK,
      Arguments: { QueueUrl: '{% $states.input.url %}', MessageBody: 'b' },
      Assign: { last: '{% $states.result.MessageId %}' },
      Output: '{% $states.result.MessageId %}',
      End: true,
    },
    input: { url: 'q2' },
    answer: { type: 'task', output: { MessageId: 'm-2' } },
    parameters: { QueueUrl: 'q2', MessageBody: 'b' },
    expected: {
      status: 'SUCCEEDED',
      output: 'm-2',
      inspection: {
        input: { url: 'q2' },
        afterArguments: { QueueUrl: 'q2', MessageBody: 'b' },
        result: { MessageId: 'm-2' },
        variables: { last: 'm-2' },
      },
    },
  },
];

describe('testState (one state, as the TestState API runs it)', () => {
  it.each(CASES)('$name', async ({ state, input, answer, expected, parameters }) => {
    const tasks: TaskRequest[] = [];
    const result = await testState(JSON.stringify(state), {
      input,
      runtime: nodeRuntime(),
      performTask: async (task) => {
        tasks.push(task);
        return answer!;
      },
    });
    expect(result).toEqual({ ...expected, inspection: expected.inspection ?? expect.anything() });
    if (parameters !== undefined) expect(tasks.map((t) => t.parameters)).toEqual([parameters]);
  });

  it('tests one state of a whole state machine, named or its StartAt', async () => {
    const machine = JSON.stringify({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Result: 'a', Next: 'B' },
        B: { Type: 'Pass', Result: 'b', End: true },
      },
    });
    const run = (stateName?: string) =>
      testState(machine, {
        stateName,
        input: {},
        runtime: nodeRuntime(),
        performTask: async () => ({ type: 'task', output: null }),
      });
    expect(await run()).toMatchObject({ status: 'SUCCEEDED', output: 'a', nextState: 'B' });
    expect(await run('B')).toMatchObject({ status: 'SUCCEEDED', output: 'b' });
    await expect(run('C')).rejects.toThrow(/no state named 'C'/);
  });

  it.each([
    [
      { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:a', End: true },
      /Activity tasks/,
    ],
    [
      {
        Type: 'Task',
        Resource: `${TASK}.waitForTaskToken`,
        Parameters: { 't.$': '$$.Task.Token' },
        End: true,
      },
      /waitForTaskToken/,
    ],
    [{ Type: 'Parallel', Branches: [], End: true }, /Parallel states/],
    [{ Type: 'Pass', Next: 3 }, /Next/],
    [{ Type: 'Pass' }, /Next|End/],
  ])('refuses what it cannot run: %j', async (state, message) => {
    const run = testState(JSON.stringify(state), {
      input: {},
      runtime: nodeRuntime(),
      performTask: async () => ({ type: 'task', output: null }),
    });
    await expect(run).rejects.toThrow(UntestableState);
    await expect(run).rejects.toThrow(message);
  });
});
