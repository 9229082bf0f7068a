import { loadDefinition } from '../definition/load-definition';
import { nodeRuntime } from '../node';
import { ExecutionEngine, HISTORY_LIMIT, ROOT_THREAD } from './execution-engine';
import type { EngineState } from './execution-engine.types';

const runtime = nodeRuntime();

/** Advances until nothing can run: the events and effects of every step taken. */
async function settle(engine: ExecutionEngine, state: EngineState) {
  const effects = [];
  const events = [];
  while (state.status === 'RUNNING' && state.runQueue.length > 0) {
    const adv = await engine.advance(state);
    effects.push(...adv.effects);
    events.push(...adv.events);
  }
  return { effects, events };
}

async function runToRest(engine: ExecutionEngine, state: EngineState) {
  return (await settle(engine, state)).events;
}

describe('ExecutionEngine', () => {
  it('keeps all of its state as JSON between steps, so any process can take the next one', async () => {
    const machine = loadDefinition({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Result: 1, Next: 'B' }, B: { Type: 'Pass', End: true } },
    });
    const engine = new ExecutionEngine(machine, runtime);
    let { state } = engine.start({});
    state = JSON.parse(JSON.stringify(state)) as EngineState;
    await engine.advance(state);
    state = JSON.parse(JSON.stringify(state)) as EngineState;
    const events = await runToRest(engine, state);
    expect(state).toMatchObject({ status: 'SUCCEEDED', output: 1 });
    expect(events.map((e) => e.id)).toEqual([4, 5, 6]);
  });

  it('fails an execution whose history reaches 25,000 events, with the last event', async () => {
    const machine = loadDefinition({
      StartAt: 'Ping',
      States: {
        Ping: { Type: 'Pass', Next: 'Pong' },
        Pong: {
          Type: 'Choice',
          Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'End' }],
          Default: 'Ping',
        },
        End: { Type: 'Succeed' },
      },
    });
    const engine = new ExecutionEngine(machine, runtime);
    const { state } = engine.start({});
    const events = await runToRest(engine, state);
    const last = events[events.length - 1];
    expect(state.status).toBe('FAILED');
    expect(last).toMatchObject({ type: 'ExecutionFailed', id: HISTORY_LIMIT });
    expect(state.error).toBe('States.Runtime');
  });

  it('ignores the outcome of a wait that is over, and redrives a failed execution from its failed state', async () => {
    const machine = loadDefinition({
      StartAt: 'Nap',
      States: {
        Nap: { Type: 'Wait', Seconds: 5, Next: 'Check' },
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }],
          Default: 'Boom',
        },
        Boom: { Type: 'Fail', Error: 'NotOk' },
        Done: { Type: 'Succeed' },
      },
    });
    const engine = new ExecutionEngine(machine, runtime);
    const { state } = engine.start({ ok: false });
    const first = await engine.advance(state);
    expect(first.effects).toMatchObject([{ type: 'timer', threadId: ROOT_THREAD, wait: 1 }]);
    expect(engine.resume(state, ROOT_THREAD, { type: 'timer' }, 0).events).toEqual([]);
    expect(state.runQueue).toEqual([]);
    engine.resume(state, ROOT_THREAD, { type: 'timer' }, 1);
    await runToRest(engine, state);
    expect(state).toMatchObject({ status: 'FAILED', error: 'NotOk' });
    const redriven = engine.redrive(state)!;
    expect(redriven.events).toMatchObject([{ type: 'ExecutionRedriven', details: { redriveCount: 1 } }]);
    expect(state.threads[ROOT_THREAD]).toMatchObject({ stateName: 'Boom' });
    expect(state.base.Execution.RedriveCount).toBe(1);
  });

  it('numbers waits across redrives, so a timer armed before a stop never ends a wait after a redrive', async () => {
    const machine = loadDefinition({
      StartAt: 'Nap',
      States: { Nap: { Type: 'Wait', Seconds: 60, End: true } },
    });
    const engine = new ExecutionEngine(machine, runtime);
    const { state } = engine.start({});
    const before = (await engine.advance(state)).effects[0];
    engine.end(state, 'ExecutionAborted', {});
    engine.redrive(state);
    const after = (await engine.advance(state)).effects[0];
    expect(after.wait).not.toBe(before.wait);
    expect(engine.resume(state, ROOT_THREAD, { type: 'timer' }, before.wait).events).toEqual([]);
    expect(state.runQueue).toEqual([]);
  });

  describe('redrives of Parallel and inline Map states, which run again only what did not succeed', () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };

    /** Runs to rest, then answers every task effect with what `answer` says for its thread. */
    async function answerTasks(
      engine: ExecutionEngine,
      state: EngineState,
      effects: { type: string; threadId: string; wait: number }[],
      answer: (thread: { index?: number }) => { output: unknown } | { error: string; cause: string },
    ) {
      const asked = effects.filter((e) => e.type === 'task');
      for (const e of asked)
        engine.resume(state, e.threadId, { type: 'task', ...answer(state.threads[e.threadId]) }, e.wait);
      return asked.length;
    }

    it('keeps the outputs of the branches that succeeded and runs the failed one again', async () => {
      const engine = new ExecutionEngine(
        loadDefinition({
          StartAt: 'Both',
          States: {
            Both: {
              Type: 'Parallel',
              Branches: [
                { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'a', End: true } } },
                { StartAt: 'B', States: { B: task } },
              ],
              End: true,
            },
          },
        }),
        runtime,
      );
      const { state } = engine.start({});
      let ran = await settle(engine, state);
      await answerTasks(engine, state, ran.effects, () => ({ error: 'Boom', cause: 'first try' }));
      await settle(engine, state);
      expect(state).toMatchObject({ status: 'FAILED', error: 'Boom' });

      engine.redrive(state);
      ran = await settle(engine, state);
      expect(ran.effects.filter((e) => e.type === 'task')).toHaveLength(1);
      expect(ran.events.map((e) => e.stateName)).not.toContain('A');
      await answerTasks(engine, state, ran.effects, () => ({ output: 'b' }));
      await settle(engine, state);
      expect(state).toMatchObject({ status: 'SUCCEEDED', output: ['a', 'b'] });
    });

    it('keeps the iterations that succeeded and runs the failed and aborted ones again', async () => {
      const engine = new ExecutionEngine(
        loadDefinition({
          StartAt: 'Each',
          States: {
            Each: { Type: 'Map', ItemProcessor: { StartAt: 'T', States: { T: task } }, End: true },
          },
        }),
        runtime,
      );
      const { state } = engine.start([10, 20, 30]);
      let ran = await settle(engine, state);
      // Iteration 0 succeeds and 1 fails; 2, aborted with it, ends when its task answers.
      await answerTasks(engine, state, ran.effects, (t) =>
        t.index === 0 ? { output: 'first' } : { error: 'Boom', cause: 'first try' },
      );
      await settle(engine, state);
      expect(state).toMatchObject({ status: 'FAILED', error: 'Boom' });

      engine.redrive(state);
      ran = await settle(engine, state);
      const asked = ran.effects.filter((e) => e.type === 'task');
      expect(asked.map((e) => state.threads[e.threadId].index)).toEqual([1, 2]);
      expect(ran.events.filter((e) => e.type === 'MapIterationStarted').map((e) => e.details!.index)).toEqual(
        [1, 2],
      );
      await answerTasks(engine, state, ran.effects, (t) => ({ output: `again ${t.index}` }));
      await settle(engine, state);
      expect(state).toMatchObject({ status: 'SUCCEEDED', output: ['first', 'again 1', 'again 2'] });
    });

    it('keeps what succeeded of a fork still running when the execution was stopped', async () => {
      const engine = new ExecutionEngine(
        loadDefinition({
          StartAt: 'Each',
          States: {
            Each: {
              Type: 'Map',
              MaxConcurrency: 1,
              ItemProcessor: { StartAt: 'T', States: { T: task } },
              End: true,
            },
          },
        }),
        runtime,
      );
      const { state } = engine.start([1, 2]);
      const ran = await settle(engine, state);
      await answerTasks(engine, state, ran.effects, () => ({ output: 'one' }));
      await settle(engine, state);
      engine.end(state, 'ExecutionAborted', {});
      engine.redrive(state);
      const again = await settle(engine, state);
      const asked = again.effects.filter((e) => e.type === 'task');
      expect(asked.map((e) => state.threads[e.threadId].index)).toEqual([1]);
      await answerTasks(engine, state, again.effects, () => ({ output: 'two' }));
      await settle(engine, state);
      expect(state).toMatchObject({ status: 'SUCCEEDED', output: ['one', 'two'] });
    });
  });

  describe('inline Map concurrency', () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
    it.each([0, 100, 7])(
      'runs at most 40 iterations at once, as AWS does, and fewer when MaxConcurrency says so (MaxConcurrency %s)',
      async (max) => {
        const engine = new ExecutionEngine(
          loadDefinition({
            StartAt: 'Each',
            States: {
              Each: {
                Type: 'Map',
                MaxConcurrency: max,
                ItemProcessor: { StartAt: 'T', States: { T: task } },
                End: true,
              },
            },
          }),
          runtime,
        );
        const items = Array.from({ length: 90 }, (_, i) => i);
        const { state } = engine.start(items);
        let { effects } = await settle(engine, state);
        let most = 0;
        while (state.status === 'RUNNING') {
          const asked = effects.filter((e) => e.type === 'task');
          most = Math.max(most, asked.length);
          for (const e of asked)
            engine.resume(
              state,
              e.threadId,
              { type: 'task', output: state.threads[e.threadId].index },
              e.wait,
            );
          ({ effects } = await settle(engine, state));
        }
        expect(most).toBe(max === 7 ? 7 : 40);
        expect(state).toMatchObject({ status: 'SUCCEEDED', output: items });
      },
    );
  });

  describe('Distributed Maps as child executions (childMapRuns)', () => {
    const machine = loadDefinition({
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Double',
            States: {
              Double: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, $.n)' }, End: true },
            },
          },
          ToleratedFailureCount: 1,
          End: true,
        },
      },
    });

    it('asks the host for a map run, keeps no item inputs once it is stored, and joins the outcomes it is given', async () => {
      const engine = new ExecutionEngine(machine, runtime);
      const { state } = engine.start([{ n: 1 }, { n: 2 }], { childMapRuns: true });
      const { effects, events } = await engine.advance(state);
      expect(events.map((e) => e.type)).toEqual(['MapStateEntered', 'MapStateStarted', 'MapRunStarted']);
      expect(effects).toEqual([
        expect.objectContaining({
          type: 'map-run',
          threadId: ROOT_THREAD,
          map: expect.objectContaining({
            mode: 'DISTRIBUTED',
            scope: '$/Fan',
            runs: [
              expect.objectContaining({ input: { n: 1 } }),
              expect.objectContaining({ input: { n: 2 } }),
            ],
            mapRunArn: events[2].details!.mapRunArn,
          }),
        }),
      ]);
      engine.mapRunStored(state, ROOT_THREAD);
      const [again] = engine.pendingEffects(JSON.parse(JSON.stringify(state)) as EngineState);
      expect(again).toMatchObject({ type: 'map-run', wait: effects[0].wait, map: { runs: [] } });
      engine.resume(
        state,
        ROOT_THREAD,
        {
          type: 'map',
          iterations: [
            { status: 'SUCCEEDED', output: { n: 2 } },
            { status: 'FAILED', error: 'E', cause: 'c' },
          ],
        },
        effects[0].wait,
      );
      await runToRest(engine, state);
      expect(state).toMatchObject({
        status: 'SUCCEEDED',
        output: [{ n: 2 }, { Error: 'E', Cause: 'c' }],
      });
    });

    it('redrives a failed run under its ARN: MapRunRedriven, and the host is told it is a redrive', async () => {
      const engine = new ExecutionEngine(machine, runtime);
      const { state } = engine.start([{ n: 1 }, { n: 2 }, { n: 3 }], { childMapRuns: true });
      const first = await engine.advance(state);
      const mapRunArn = first.events[2].details!.mapRunArn as string;
      const failure = { status: 'FAILED' as const, error: 'E', cause: 'c' };
      engine.resume(
        state,
        ROOT_THREAD,
        { type: 'map', iterations: [failure, failure, { status: 'SUCCEEDED', output: 1 }], mapRunArn },
        first.effects[0].wait,
      );
      await runToRest(engine, state);
      expect(state).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
      engine.redrive(state);
      const again = await engine.advance(state);
      expect(again.events.map((e) => e.type)).toEqual([
        'MapStateEntered',
        'MapStateStarted',
        'MapRunRedriven',
      ]);
      expect(again.events[2].details).toEqual({ mapRunArn, redriveCount: 1 });
      expect(again.effects).toEqual([
        expect.objectContaining({
          type: 'map-run',
          map: expect.objectContaining({ mapRunArn, redriven: true }),
        }),
      ]);
      // A Map state entered again later (a retry) starts a run of its own.
      expect(state.threads[ROOT_THREAD].redriveMapRunArn).toBeUndefined();
    });

    it('fails the Map state with States.Runtime once its run has been redriven 1,000 times', async () => {
      const engine = new ExecutionEngine(machine, runtime);
      // Two failures: past the one tolerated.
      const { state } = engine.start([{ n: 1 }, { n: 2 }], { childMapRuns: true });
      const first = await engine.advance(state);
      const mapRunArn = first.events[2].details!.mapRunArn as string;
      const failure = { status: 'FAILED' as const, error: 'E', cause: 'c' };
      const fail = (wait: number) =>
        engine.resume(state, ROOT_THREAD, { type: 'map', mapRunArn, iterations: [failure, failure] }, wait);
      fail(first.effects[0].wait);
      await runToRest(engine, state);
      // The run counts its own redrives, not the execution's.
      state.base.Execution.RedriveCount = 5_000;
      state.mapRunRedrives = { [mapRunArn]: 999 };
      // The thousandth redrive still redrives the run.
      engine.redrive(state);
      const thousandth = await engine.advance(state);
      expect(thousandth.events[2]).toMatchObject({
        type: 'MapRunRedriven',
        details: { mapRunArn, redriveCount: 1000 },
      });
      fail(thousandth.effects[0].wait);
      await runToRest(engine, state);
      engine.redrive(state);
      const events = await runToRest(engine, state);
      expect(events.map((e) => e.type)).not.toContain('MapRunRedriven');
      expect(state).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(state.cause).toContain(`The Map Run '${mapRunArn}' has been redriven 1000 times`);
    });

    it('redrives a failed child execution in its processor scope', async () => {
      const child = new ExecutionEngine(
        loadDefinition({
          StartAt: 'Fan',
          States: {
            Fan: {
              Type: 'Map',
              ItemProcessor: {
                ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
                StartAt: 'Check',
                States: {
                  Check: {
                    Type: 'Choice',
                    Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }],
                    Default: 'Boom',
                  },
                  Boom: { Type: 'Fail', Error: 'NotOk' },
                  Done: { Type: 'Succeed' },
                },
              },
              End: true,
            },
          },
        }),
        runtime,
      );
      const { state } = child.start({ ok: false }, { scope: '$/Fan', variables: {} });
      await runToRest(child, state);
      expect(state).toMatchObject({ status: 'FAILED', error: 'NotOk' });
      child.redrive(state);
      expect(state.threads[ROOT_THREAD]).toMatchObject({ scope: '$/Fan', stateName: 'Boom' });
      await runToRest(child, state);
      expect(state).toMatchObject({ status: 'FAILED', error: 'NotOk' });
    });

    it("runs one item as a child execution of the processor's scope, which records its own end", async () => {
      const engine = new ExecutionEngine(machine, runtime);
      const { state, advance } = engine.start({ n: 21 }, { scope: '$/Fan', variables: {} });
      const events = [...advance.events, ...(await runToRest(engine, state))];
      expect(state).toMatchObject({ status: 'SUCCEEDED', output: { n: 42 }, rootScope: '$/Fan' });
      expect(events.map((e) => e.type)).toEqual([
        'ExecutionStarted',
        'PassStateEntered',
        'PassStateExited',
        'ExecutionSucceeded',
      ]);
    });
  });
});
