import fc from 'fast-check';
import { compileChoiceCondition } from './choice-rule.compiler';
import { evaluateCondition } from './choice-rule.evaluator';
import { compileStringMatches } from './string-matches';
import { nodeHash } from '../node/node-runtime';

const env = (input: unknown) => ({
  input,
  context: {},
  variables: {},
  runtime: { now: () => new Date(0), random: () => 0, uuid: () => 'u', hash: nodeHash },
});
const test = (rule: object, input: unknown) => evaluateCondition(compileChoiceCondition(rule), env(input));

describe('choice rule properties', () => {
  it('numeric operators agree with JavaScript comparisons', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (a, b) => {
          const v = { Variable: '$.a' };
          expect(test({ ...v, NumericEquals: b }, { a })).toBe(a === b);
          expect(test({ ...v, NumericLessThan: b }, { a })).toBe(a < b);
          expect(test({ ...v, NumericGreaterThanEquals: b }, { a })).toBe(a >= b);
          expect(test({ ...v, NumericLessThanEqualsPath: '$.b' }, { a, b })).toBe(a <= b);
        },
      ),
    );
  });

  it('Not inverts any rule and And/Or follow boolean logic', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        const lt = { Variable: '$.a', NumericLessThanPath: '$.b' };
        const eq = { Variable: '$.a', NumericEqualsPath: '$.b' };
        expect(test({ Not: lt }, { a, b })).toBe(!(a < b));
        expect(test({ Or: [lt, eq] }, { a, b })).toBe(a <= b);
        expect(test({ And: [{ Not: lt }, { Not: eq }] }, { a, b })).toBe(a > b);
      }),
    );
  });

  it('a StringMatches pattern without wildcards matches only itself', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('*') && !s.includes('\\')),
        fc.string(),
        (pattern, other) => {
          const re = compileStringMatches(pattern);
          expect(re.test(pattern)).toBe(true);
          expect(re.test(other)).toBe(other === pattern);
        },
      ),
    );
  });

  it('a StringMatches prefix pattern matches every extension of the prefix', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('*') && !s.includes('\\')),
        fc.string(),
        (prefix, rest) => {
          expect(compileStringMatches(`${prefix}*`).test(prefix + rest)).toBe(true);
        },
      ),
    );
  });
});
