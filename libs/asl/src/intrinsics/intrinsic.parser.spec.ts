import { IntrinsicSyntaxError, parseIntrinsic } from './intrinsic.parser';
import { evaluateIntrinsic } from './intrinsic.evaluator';
import { INTRINSICS } from './intrinsic-registry';
import { nodeHash } from '../node/node-runtime';

const env = (input: unknown) => ({
  input,
  context: {},
  variables: {},
  runtime: { now: () => new Date(0), random: () => 0, uuid: () => 'u', hash: nodeHash },
});

describe('intrinsic functions', () => {
  it('has all 18 functions', () => {
    expect(INTRINSICS.size).toBe(18);
  });

  it('parses nested calls, literals and paths', () => {
    const call = parseIntrinsic("States.Format('{} {} {} {}', States.MathAdd(1, -2), $.a[0], true, null)");
    expect(call.args.map((a) => a.kind)).toEqual(['literal', 'call', 'path', 'literal', 'literal']);
    expect(evaluateIntrinsic(call, env({ a: ['x'] }))).toBe('-1 x true null');
  });

  it('keeps spaces and commas inside quoted strings', () => {
    expect(evaluateIntrinsic(parseIntrinsic("States.Array('a, b', ' c ')"), env({}))).toEqual([
      'a, b',
      ' c ',
    ]);
  });

  it.each([
    'States.Format(',
    "States.Format('x'",
    'States.Unknown()',
    'States.UUID(1)',
    'States.ArrayRange(1, 2)',
    "States.Format('{}')",
    'States.JsonToString(1)',
    'States.JsonMerge($.a, $.b, true)',
    'States.Array(foo)',
    'States.Array(1) trailing',
  ])('rejects %p', (text) => {
    expect(() => parseIntrinsic(text)).toThrow(IntrinsicSyntaxError);
  });
});
