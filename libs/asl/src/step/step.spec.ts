import { loadDefinition } from '../definition/load-definition';
import { nodeHash } from '../node/node-runtime';
import { ROOT_SCOPE } from '../definition/compiled.types';
import { step } from './step';
import { StepRuntime } from './runtime.types';
import { ContextObject, StepRequest, Transition } from './transition.types';

const runtime: StepRuntime = {
  now: () => new Date('2024-01-01T00:00:00.000Z'),
  random: () => 0.5,
  uuid: () => '11111111-1111-4111-8111-111111111111',
  hash: nodeHash,
};

function context(state: string, extra: Partial<ContextObject> = {}): ContextObject {
  return {
    Execution: { Id: 'arn:exec', Input: {}, Name: 'e', StartTime: '2024-01-01T00:00:00.000Z' },
    StateMachine: { Id: 'arn:aws:states:eu-west-1:123456789012:stateMachine:sm', Name: 'sm' },
    State: { EnteredTime: '2024-01-01T00:00:00.000Z', Name: state, RetryCount: 0 },
    ...extra,
  };
}

/** Round-trips through JSON, as the workflow service does when it persists a transition. */
function persisted<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const TASK = 'arn:aws:states:::lambda:invoke';

describe('step', () => {
  const machine = loadDefinition({
    StartAt: 'Work',
    States: {
      Work: {
        Type: 'Task',
        Resource: TASK,
        Parameters: { 'id.$': '$.id' },
        TimeoutSecondsPath: '$.timeout',
        HeartbeatSeconds: 5,
        Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 3, MaxAttempts: 1 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover', ResultPath: '$.error' }],
        ResultPath: '$.result',
        Next: 'Done',
      },
      Recover: { Type: 'Pass', End: true },
      Done: { Type: 'Succeed' },
    },
  });
  const input = { id: 'x', timeout: 30 };

  it('asks for a task with its parameters and timeouts, as JSON', async () => {
    const t = persisted(await step(machine, { stateName: 'Work', input, context: context('Work') }, runtime));
    expect(t).toEqual({
      type: 'task',
      task: {
        resource: TASK,
        parameters: { id: 'x' },
        timeoutSeconds: 30,
        heartbeatSeconds: 5,
        waitForTaskToken: false,
        integrationPattern: 'REQUEST_RESPONSE',
      },
      events: [
        { type: 'TaskStateEntered', stateName: 'Work', details: { name: 'Work', input } },
        {
          type: 'TaskScheduled',
          stateName: 'Work',
          details: {
            resourceType: 'lambda',
            resource: 'invoke',
            region: 'eu-west-1',
            parameters: { id: 'x' },
            timeoutInSeconds: 30,
            heartbeatInSeconds: 5,
          },
        },
      ],
    });
  });

  it('is deterministic for the same request', async () => {
    const request: StepRequest = { stateName: 'Work', input, context: context('Work') };
    expect(await step(machine, request, runtime)).toEqual(await step(machine, request, runtime));
  });

  it('resumes from a persisted task outcome to the next state', async () => {
    const request = persisted<StepRequest>({
      stateName: 'Work',
      input,
      context: context('Work'),
      pending: { type: 'task', output: 42 },
    });
    const t = await step(machine, request, runtime);
    expect(t.type).toBe('next');
    expect(t).toMatchObject({ next: 'Done', output: { id: 'x', timeout: 30, result: 42 } });
    expect(t.events.map((e) => e.type)).toEqual(['TaskStarted', 'TaskSucceeded', 'TaskStateExited']);
  });

  it('asks for a retry, then catches once retries are exhausted', async () => {
    const failed = { type: 'task' as const, error: 'Flaky', cause: 'try again' };
    const retry = persisted(
      await step(machine, { stateName: 'Work', input, context: context('Work'), pending: failed }, runtime),
    );
    expect(retry).toMatchObject({ type: 'retry', delaySeconds: 3, retryCounters: [1] });
    const again = await step(
      machine,
      { stateName: 'Work', input, context: context('Work'), retryCounters: [1] },
      runtime,
    );
    expect(again.events.map((e) => e.type)).toEqual(['TaskScheduled']);
    const caught = await step(
      machine,
      { stateName: 'Work', input, context: context('Work'), retryCounters: [1], pending: failed },
      runtime,
    );
    expect(caught).toMatchObject({
      type: 'next',
      next: 'Recover',
      output: { ...input, error: { Error: 'Flaky', Cause: 'try again' } },
    });
  });

  it('ends the execution with ExecutionSucceeded only at the top level', async () => {
    const t = await step(
      machine,
      { stateName: 'Done', input: { ok: true }, context: context('Done') },
      runtime,
    );
    expect(t).toMatchObject({ type: 'succeed', output: { ok: true } });
    expect(t.events.map((e) => e.type)).toEqual([
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('forks Parallel branches into serialisable runs and joins them', async () => {
    const par = loadDefinition({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
          ],
        },
      },
    });
    const fork = persisted(
      await step(par, { stateName: 'P', input: { v: 1 }, context: context('P') }, runtime),
    );
    expect(fork.type).toBe('parallel');
    const branches = (fork as Extract<Transition, { type: 'parallel' }>).branches;
    expect(branches.map((b) => b.startAt)).toEqual(['A', 'B']);
    const inner = await step(
      par,
      { scope: branches[1].scope, stateName: 'B', input: branches[1].input, context: context('B') },
      runtime,
    );
    expect(inner.type).toBe('succeed');
    expect(inner.events.map((e) => e.type)).toEqual(['PassStateEntered', 'PassStateExited']);
    const joined = await step(
      par,
      {
        scope: ROOT_SCOPE,
        stateName: 'P',
        input: { v: 1 },
        context: context('P'),
        pending: { type: 'parallel', outputs: [1, 2] },
      },
      runtime,
    );
    expect(joined).toMatchObject({ type: 'succeed', output: [1, 2] });
  });

  it('asks to wait until an absolute time', async () => {
    const wait = loadDefinition({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 90, End: true } } });
    const t = await step(wait, { stateName: 'W', input: {}, context: context('W') }, runtime);
    expect(t).toMatchObject({ type: 'wait', until: '2024-01-01T00:01:30.000Z' });
    const done = await step(
      wait,
      { stateName: 'W', input: {}, context: context('W'), pending: { type: 'wait' } },
      runtime,
    );
    expect(done.events.map((e) => e.type)).toEqual(['WaitStateExited', 'ExecutionSucceeded']);
  });

  it('carries JSONata timeouts and credentials into the task request', async () => {
    const m = loadDefinition({
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: TASK,
          Arguments: { n: '{% $states.input.n %}' },
          TimeoutSeconds: '{% $states.input.n * 10 %}',
          HeartbeatSeconds: '{% $states.input.n %}',
          Credentials: { RoleArn: '{% $states.input.role %}' },
          End: true,
        },
      },
    });
    const t = await step(
      m,
      { stateName: 'T', input: { n: 2, role: 'arn:aws:iam::1:role/r' }, context: context('T') },
      runtime,
    );
    expect(t).toMatchObject({
      type: 'task',
      task: {
        parameters: { n: 2 },
        timeoutSeconds: 20,
        heartbeatSeconds: 2,
        credentials: { RoleArn: 'arn:aws:iam::1:role/r' },
      },
    });
  });

  it('asks a Distributed Map for its items, then forks them', async () => {
    const m = loadDefinition({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          End: true,
          MaxConcurrency: 5,
          ToleratedFailureCount: 2,
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            Parameters: { 'Bucket.$': '$.bucket', Key: 'k' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', End: true } },
          },
        },
      },
    });
    const read = await step(m, { stateName: 'M', input: { bucket: 'b' }, context: context('M') }, runtime);
    expect(read).toMatchObject({
      type: 'read-items',
      reader: { resource: 'arn:aws:states:::s3:getObject', parameters: { Bucket: 'b', Key: 'k' } },
    });
    const fork = await step(
      m,
      {
        stateName: 'M',
        input: { bucket: 'b' },
        context: context('M'),
        pending: { type: 'items', items: ['x', 'y'] },
      },
      runtime,
    );
    expect(fork).toMatchObject({
      type: 'map',
      map: { mode: 'DISTRIBUTED', maxConcurrency: 5, toleratedFailureCount: 2 },
    });
    expect(
      (fork as Extract<Transition, { type: 'map' }>).map.runs.map((r) => [r.input, r.variables]),
    ).toEqual([
      ['x', {}],
      ['y', {}],
    ]);
  });

  it.each([
    ['arn:aws:states:::states:startExecution.sync:2', 'RUN_JOB'],
    ['arn:aws:states:::glue:startJobRun.sync', 'RUN_JOB'],
    ['arn:aws:states:::sqs:sendMessage', 'REQUEST_RESPONSE'],
  ])('names the integration pattern of %s', async (resource, pattern) => {
    const m = loadDefinition({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: resource, End: true } },
    });
    const t = await step(m, { stateName: 'T', input: {}, context: context('T') }, runtime);
    expect(t).toMatchObject({ type: 'task', task: { integrationPattern: pattern } });
  });
});
