import { ExecutionEngine, loadDefinition } from '@switchyard/asl';
import { nodeRuntime } from '@switchyard/asl-node';
import { parseState, storedState } from './standard-execution';

describe('an execution state as stored', () => {
  it("keeps $$.Execution once for every thread and gives each thread its $$ whole again, in AWS's order", async () => {
    const machine = loadDefinition({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
          ],
          End: true,
        },
      },
    });
    const engine = new ExecutionEngine(machine, nodeRuntime());
    const { state } = engine.start({ big: 'x'.repeat(1000) });
    await engine.advance(state);
    const text = storedState(state);
    expect(text.split('"Input"').length - 1).toBe(1);
    expect(Object.keys(state.threads.t0.context)).toEqual(['Execution', 'StateMachine', 'State']);
    const back = parseState(text);
    for (const thread of Object.values(back.threads)) {
      expect(Object.keys(thread.context).slice(0, 2)).toEqual(['Execution', 'StateMachine']);
      expect(thread.context.Execution).toEqual(state.base.Execution);
    }
    while (back.runQueue.length) await engine.advance(back);
    expect(back.status).toBe('SUCCEEDED');
  });
});
