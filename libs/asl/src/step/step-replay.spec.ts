// Drives an execution one step at a time, persisting everything between steps as JSON text (as the
// workflow service does in Redis), and checks it ends exactly as the in-memory driver does.
import { runExecution } from '../driver/run-execution';
import { nodeHash } from '../node/node-runtime';
import { loadDefinition } from '../definition/load-definition';
import { ROOT_SCOPE } from '../definition/compiled.types';
import { step } from './step';
import { HistoryEvent } from '../history/history-event.types';
import { ContextObject, PendingOutcome, StepRequest } from './transition.types';

const TASK = 'arn:aws:states:::lambda:invoke';
const definition = JSON.stringify({
  StartAt: 'Prepare',
  States: {
    Prepare: {
      Type: 'Pass',
      Parameters: { 'xs.$': '$.xs' },
      Assign: { 'count.$': 'States.ArrayLength($.xs)' },
      Next: 'Work',
    },
    Work: {
      Type: 'Task',
      Resource: TASK,
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 2 }],
      ResultPath: '$.work',
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', Seconds: 3, Next: 'Each' },
    Each: {
      Type: 'Map',
      ItemsPath: '$.xs',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Double',
        States: { Double: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($, $)' }, End: true } },
      },
      ResultPath: '$.doubled',
      Next: 'Done',
    },
    Done: {
      Type: 'Pass',
      Parameters: { 'doubled.$': '$.doubled', 'work.$': '$.work', 'count.$': '$count' },
      End: true,
    },
  },
});

function context(state: string): ContextObject {
  return {
    Execution: {
      Id: 'arn:aws:states:us-east-1:123456789012:execution:StateMachine:replay',
      Input: { xs: [1, 2] },
      Name: 'replay',
      RoleArn: 'arn:aws:iam::123456789012:role/StepFunctionsRole',
      StartTime: '2024-01-01T00:00:00.000Z',
      RedriveCount: 0,
    },
    StateMachine: {
      Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine',
      Name: 'StateMachine',
    },
    State: { EnteredTime: '2024-01-01T00:00:00.000Z', Name: state, RetryCount: 0 },
  };
}

const runtime = {
  now: () => new Date('2024-01-01T00:00:00.000Z'),
  random: () => 0.5,
  uuid: () => 'u',
  hash: nodeHash,
};

describe('step replay', () => {
  it('resumes from persisted JSON after every transition', async () => {
    const machine = loadDefinition(definition);
    const taskAnswers: PendingOutcome[] = [
      { type: 'task', error: 'Flaky', cause: 'once' },
      { type: 'task', output: 'worked' },
    ];
    // Everything the service would keep in Redis between steps.
    let stored = JSON.stringify({
      request: {
        scope: ROOT_SCOPE,
        stateName: 'Prepare',
        input: { xs: [1, 2] },
        variables: {},
        context: context('Prepare'),
      },
      events: [],
    });
    for (let guard = 0; guard < 50; guard++) {
      const { request, events } = JSON.parse(stored) as { request: StepRequest; events: HistoryEvent[] };
      const t = JSON.parse(JSON.stringify(await step(machine, request, runtime)));
      events.push(...t.events);
      let next: StepRequest | undefined;
      switch (t.type) {
        case 'next':
          next = {
            scope: request.scope,
            stateName: t.next,
            input: t.output,
            variables: t.variables,
            context: context(t.next),
          };
          break;
        case 'task':
          next = { ...request, pending: taskAnswers.shift() };
          break;
        case 'retry':
          next = { ...request, pending: undefined, retryCounters: t.retryCounters };
          break;
        case 'wait':
          next = { ...request, pending: { type: 'wait' } };
          break;
        case 'map': {
          const iterations = [];
          for (const run of t.map.runs) {
            const inner = await step(
              machine,
              {
                scope: run.scope,
                stateName: run.startAt,
                input: run.input,
                variables: run.variables,
                context: context(run.startAt),
              },
              runtime,
            );
            events.push(...inner.events);
            iterations.push(
              inner.type === 'succeed'
                ? { status: 'SUCCEEDED', output: inner.output }
                : { status: 'FAILED', error: 'x', cause: 'y' },
            );
          }
          next = { ...request, pending: { type: 'map', iterations } as PendingOutcome };
          break;
        }
        case 'succeed':
          expect(t.output).toEqual({ doubled: [{ v: 2 }, { v: 4 }], work: 'worked', count: 2 });
          expect(events.map((e) => e.type)).toEqual([
            'PassStateEntered',
            'PassStateExited',
            'TaskStateEntered',
            'TaskScheduled',
            'TaskStarted',
            'TaskFailed',
            'TaskScheduled',
            'TaskStarted',
            'TaskSucceeded',
            'TaskStateExited',
            'WaitStateEntered',
            'WaitStateExited',
            'MapStateEntered',
            'MapStateStarted',
            'PassStateEntered',
            'PassStateExited',
            'PassStateEntered',
            'PassStateExited',
            'MapStateSucceeded',
            'MapStateExited',
            'PassStateEntered',
            'PassStateExited',
            'ExecutionSucceeded',
          ]);
          const inMemory = await runExecution(
            definition,
            { xs: [1, 2] },
            {
              ...runtime,
              taskHandlers: {
                [TASK]: (() => {
                  let n = 0;
                  return async () => {
                    if (n++ === 0) throw Object.assign(new Error('once'), { name: 'Flaky' });
                    return 'worked';
                  };
                })(),
              },
              sleep: async () => undefined,
            },
          );
          expect(inMemory.output).toEqual(t.output);
          return;
        default:
          throw new Error(`unexpected transition ${t.type}`);
      }
      stored = JSON.stringify({ request: next, events });
    }
    throw new Error('did not finish');
  });
});
