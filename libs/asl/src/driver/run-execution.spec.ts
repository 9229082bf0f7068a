import { runExecution } from './run-execution';
import { InvalidDefinitionError, loadDefinition } from '../definition/load-definition';
import { nodeRuntime } from '../node/node-runtime';

const TASK = 'arn:aws:states:::lambda:invoke';
const instant = { ...nodeRuntime(), sleep: async () => undefined };

describe('runExecution', () => {
  it('maps a thrown error name and message to Error and Cause', async () => {
    const def = JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', Resource: TASK, End: true } } });
    class PaymentDeclined extends Error {
      override name = 'PaymentDeclined';
    }
    const r = await runExecution(
      def,
      {},
      {
        ...instant,
        taskHandlers: { [TASK]: async () => Promise.reject(new PaymentDeclined('card expired')) },
      },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'PaymentDeclined', cause: 'card expired' });
  });

  it('passes the context object, with a task token for callbacks, to handlers', async () => {
    const resource = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
    const def = JSON.stringify({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: resource, Parameters: { 't.$': '$$.Task.Token' }, End: true } },
    });
    let seen: any;
    await runExecution(
      def,
      {},
      { ...instant, taskHandlers: { [resource]: async (_i, c) => (seen = c) }, uuid: () => 'tok' },
    );
    expect(seen.Task).toEqual({ Token: 'tok' });
    expect(seen.State.Name).toBe('T');
  });

  // Recorded against AWS (LocalStack test_states_errors snapshots): a States.ALL catcher handles a
  // task result over 256 KiB, whose cause names the task's resource.
  it('fails a task result over 256 KiB with States.DataLimitExceeded, which States.ALL catches', async () => {
    const def = JSON.stringify({
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: TASK, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }], End: true },
        C: { Type: 'Succeed' },
      },
    });
    const r = await runExecution(
      def,
      {},
      { ...instant, taskHandlers: { [TASK]: async () => 'x'.repeat(300 * 1024) } },
    );
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'States.DataLimitExceeded' } });
  });

  it('rejects an execution input over 256 KiB', async () => {
    const def = JSON.stringify({ StartAt: 'S', States: { S: { Type: 'Succeed' } } });
    const r = await runExecution(def, { big: 'y'.repeat(300 * 1024) }, instant);
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('times out an execution past its TimeoutSeconds', async () => {
    const def = JSON.stringify({
      TimeoutSeconds: 5,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 10, Next: 'S' }, S: { Type: 'Succeed' } },
    });
    let clock = 0;
    const r = await runExecution(
      def,
      {},
      { ...nodeRuntime(), now: () => new Date(clock), sleep: async (ms) => void (clock += ms) },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(r.events.at(-1)?.type).toBe('ExecutionTimedOut');
  });

  it('records when each event happened, by the runtime clock', async () => {
    const def = JSON.stringify({
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 3, Next: 'S' }, S: { Type: 'Succeed' } },
    });
    let clock = 1_000;
    const r = await runExecution(
      def,
      {},
      { ...nodeRuntime(), now: () => new Date(clock), sleep: async (ms) => void (clock += ms) },
    );
    expect(r.events.map((e, i) => [e.type, r.eventTimes[i]])).toEqual([
      ['ExecutionStarted', 1_000],
      ['WaitStateEntered', 1_000],
      ['WaitStateExited', 4_000],
      ['SucceedStateEntered', 4_000],
      ['SucceedStateExited', 4_000],
      ['ExecutionSucceeded', 4_000],
    ]);
  });

  it('stops a runaway loop', async () => {
    const def = JSON.stringify({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Choice', Choices: [{ Variable: '$', IsPresent: true, Next: 'A' }], Default: 'E' },
        E: { Type: 'Succeed' },
      },
    });
    const r = await runExecution(def, {}, { ...instant, maxTransitions: 50 });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it("waits with real timers in Node's runtime", async () => {
    const def = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 0, End: true } } });
    await expect(runExecution(def, { a: 1 }, nodeRuntime())).resolves.toMatchObject({
      status: 'SUCCEEDED',
      output: { a: 1 },
    });
  });

  it('compiles a definition text once', () => {
    const text = JSON.stringify({ StartAt: 'S', States: { S: { Type: 'Succeed' } } });
    expect(loadDefinition(text)).toBe(loadDefinition(text));
  });

  it('throws with every diagnostic for an invalid definition', async () => {
    const text = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope' } } });
    await expect(runExecution(text, {}, instant)).rejects.toBeInstanceOf(InvalidDefinitionError);
    try {
      loadDefinition(text);
    } catch (e) {
      expect((e as InvalidDefinitionError).diagnostics.map((d) => d.code)).toEqual([
        'MISSING_TRANSITION_TARGET',
        'MISSING_END_STATE',
      ]);
    }
  });
});
