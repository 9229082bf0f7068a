import fc from 'fast-check';
import { FilterPolicyIndex } from './filter-policy-index';
import type {
  CompiledFilterPolicy,
  FilterableMessage,
  FilterPolicyScope,
  MessageAttributeValue,
} from './filter-policy.types';
import { compileFilterPolicy } from './policy-compiler';
import { matchesFilterPolicy } from './policy-evaluator';

const keys = ['a', 'b', 'c', 'd.e', ''];
const strings = [
  '',
  'a',
  'ab',
  'abc',
  'b',
  'ba',
  'A',
  'AB',
  '10.0.0.1',
  '10.0.1.5',
  '192.168.0.9',
  '::1',
  '2001:db8::5',
];
const numbers = [-5, 0, 0.000001, 1, 1.5, 2, 100, 1e9, 2e9];

const scalar = fc.oneof(
  fc.constantFrom(...strings),
  fc.constantFrom(...numbers),
  fc.constantFrom(true, false, null),
);

const numericOperand = fc.oneof(
  fc
    .tuple(fc.constantFrom('=', '<', '<=', '>', '>='), fc.constantFrom(-5, 0, 1, 1.5, 100))
    .map(([op, v]) => [op, v]),
  fc
    .tuple(
      fc.constantFrom('>', '>='),
      fc.constantFrom(-5, 0, 1),
      fc.constantFrom('<', '<='),
      fc.constantFrom(1.5, 2, 100),
    )
    .map(([a, x, b, y]) => [a, x, b, y]),
);

const pattern: fc.Arbitrary<unknown> = fc.oneof(
  scalar,
  fc.constantFrom(...strings).map((v) => ({ prefix: v })),
  fc.constantFrom(...strings).map((v) => ({ suffix: v })),
  fc.constantFrom(...strings).map((v) => ({ 'equals-ignore-case': v })),
  fc.subarray(strings, { minLength: 1, maxLength: 3 }).map((v) => ({ 'anything-but': v })),
  fc.subarray([-5, 0, 1, 2, 100], { minLength: 1, maxLength: 3 }).map((v) => ({ 'anything-but': v })),
  fc.constantFrom('a', 'ab', 'b').map((v) => ({ 'anything-but': { prefix: v } })),
  numericOperand.map((v) => ({ numeric: v })),
  fc.boolean().map((v) => ({ exists: v })),
  fc
    .constantFrom('10.0.0.0/24', '10.0.0.0/8', '0.0.0.0/0', '::/0', '2001:db8::/32')
    .map((v) => ({ cidr: v })),
);

const patterns = fc.array(pattern, { minLength: 1, maxLength: 3 });

function flatPolicy(maxKeys: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.constantFrom(...keys), patterns, { minKeys: 1, maxKeys });
}

const attributePolicy = fc.oneof(
  flatPolicy(3),
  fc
    .tuple(flatPolicy(2), flatPolicy(2), flatPolicy(2))
    .map(([outer, left, right]) => ({ ...outer, $or: [left, right] })),
);

const bodyPolicy = fc.oneof(
  flatPolicy(3),
  fc.tuple(flatPolicy(2), flatPolicy(2)).map(([outer, inner]) => ({ ...outer, n: inner })),
  fc
    .tuple(flatPolicy(2), flatPolicy(2), flatPolicy(2))
    .map(([outer, left, right]) => ({ n: { ...outer, $or: [left, { m: right }] } })),
);

const attribute: fc.Arbitrary<MessageAttributeValue> = fc.oneof(
  fc.constantFrom(...strings).map((v) => ({ DataType: 'String', StringValue: v })),
  fc.constantFrom(...numbers).map((v) => ({ DataType: 'Number', StringValue: String(v) })),
  fc
    .array(scalar, { maxLength: 3 })
    .map((v) => ({ DataType: 'String.Array', StringValue: JSON.stringify(v) })),
  fc.constant({ DataType: 'Binary', BinaryValue: 'AA==' }),
  fc.constantFrom(
    { DataType: 'String.Array', StringValue: '"a"' },
    { DataType: 'String.Array', StringValue: 'not json' },
    { DataType: 'String.Array', StringValue: '[["a", [1]], {"x": 1}]' },
    { DataType: 'Number', StringValue: 'abc' },
    { DataType: 'Number.int', StringValue: '1.5' },
    { DataType: 'String.custom', StringValue: 'ab' },
    { DataType: 'String' },
    { DataType: 'Unknown', StringValue: 'a' },
  ),
);

const attributes = fc.dictionary(fc.constantFrom(...keys), attribute, { minKeys: 1, maxKeys: 4 });

const leaf: fc.Arbitrary<unknown> = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const bodyObject: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  object: fc.dictionary(
    fc.constantFrom(...keys, 'n', 'm', 'd', 'e', 'x', 'n.x'),
    fc.oneof({ depthSize: 'small' }, leaf, leaf, tie('object'), fc.array(tie('object'), { maxLength: 2 })),
    { minKeys: 1, maxKeys: 5 },
  ),
})).object as fc.Arbitrary<Record<string, unknown>>;

const message: fc.Arbitrary<FilterableMessage> = fc.record({
  attributes,
  body: fc.oneof(
    bodyObject.map((b) => JSON.stringify(b)),
    fc.constant('not json'),
  ),
});

function tryCompile(policy: unknown, scope: FilterPolicyScope): CompiledFilterPolicy | undefined {
  try {
    return compileFilterPolicy(JSON.stringify(policy), scope);
  } catch {
    return undefined;
  }
}

const compiledPolicy: fc.Arbitrary<CompiledFilterPolicy> = fc
  .oneof(
    attributePolicy.map((p) => tryCompile(p, 'MessageAttributes')),
    bodyPolicy.map((p) => tryCompile(p, 'MessageBody')),
  )
  .filter((p): p is CompiledFilterPolicy => p !== undefined);

function naiveMatch(policies: Map<string, CompiledFilterPolicy>, m: FilterableMessage): string[] {
  return [...policies]
    .filter(([, p]) => matchesFilterPolicy(p, m))
    .map(([id]) => id)
    .sort();
}

describe('FilterPolicyIndex', () => {
  it('agrees with one-policy-at-a-time evaluation on random policies and messages', () => {
    fc.assert(
      fc.property(compiledPolicy, fc.array(message, { minLength: 1, maxLength: 5 }), (policy, messages) => {
        const index = new FilterPolicyIndex();
        index.add('s', policy);
        for (const m of messages) expect(index.match(m)).toEqual(matchesFilterPolicy(policy, m) ? ['s'] : []);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the naive evaluator for many policies sharing one index, across removals', () => {
    fc.assert(
      fc.property(
        fc.array(compiledPolicy, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 15 }),
        fc.array(message, { minLength: 1, maxLength: 8 }),
        (policies, removals, messages) => {
          const index = new FilterPolicyIndex();
          const expected = new Map<string, CompiledFilterPolicy>();
          policies.forEach((p, i) => {
            index.add(`s${i}`, p);
            expected.set(`s${i}`, p);
          });
          for (const r of removals) {
            const id = `s${r % policies.length}`;
            expect(index.remove(id)).toBe(expected.delete(id));
          }
          expect(index.size).toBe(expected.size);
          for (const m of messages) expect(index.match(m).sort()).toEqual(naiveMatch(expected, m));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('returns to an empty automaton after every policy is removed', () => {
    fc.assert(
      fc.property(fc.array(compiledPolicy, { minLength: 1, maxLength: 20 }), message, (policies, m) => {
        const index = new FilterPolicyIndex();
        policies.forEach((p, i) => index.add(`s${i}`, p));
        policies.forEach((_p, i) => index.remove(`s${i}`));
        expect(index.match(m)).toEqual([]);
        type Internals = Record<string, { isEmpty: boolean; fields: { byPath: Map<string, unknown> } }>;
        const internals = index as unknown as Internals;
        for (const automaton of [internals.attributeAutomaton, internals.bodyAutomaton]) {
          expect(automaton.isEmpty).toBe(true);
          expect(automaton.fields.byPath.size).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('replaces a subscription policy when the same id is added again', () => {
    const index = new FilterPolicyIndex();
    index.add('s', compileFilterPolicy('{"a": ["x"]}', 'MessageAttributes'));
    index.add('s', compileFilterPolicy('{"a": ["y"]}', 'MessageAttributes'));
    const message = (v: string) => ({ attributes: { a: { DataType: 'String', StringValue: v } } });
    expect(index.match(message('x'))).toEqual([]);
    expect(index.match(message('y'))).toEqual(['s']);
    expect(index.size).toBe(1);
  });

  it('matches attribute-scope and body-scope subscriptions against the same message', () => {
    const index = new FilterPolicyIndex();
    index.add('attrs', compileFilterPolicy('{"kind": ["order"]}', 'MessageAttributes'));
    index.add('body', compileFilterPolicy('{"order": {"total": [{"numeric": [">", 10]}]}}', 'MessageBody'));
    index.add('neither', compileFilterPolicy('{"kind": ["refund"]}', 'MessageAttributes'));
    const matched = index.match({
      attributes: { kind: { DataType: 'String', StringValue: 'order' } },
      body: JSON.stringify({ order: { total: 12.5, lines: [{ sku: 'x' }] } }),
    });
    expect(matched.sort()).toEqual(['attrs', 'body']);
  });

  it('reports how many subscriptions it holds and whether a removal found one', () => {
    const index = new FilterPolicyIndex();
    expect(index.remove('missing')).toBe(false);
    index.add('s', compileFilterPolicy('{}', 'MessageBody'));
    expect(index.size).toBe(1);
    expect(index.match({ body: 'anything' })).toEqual(['s']);
    expect(index.remove('s')).toBe(true);
    expect(index.size).toBe(0);
  });

  it('copes with message content nested deeper than the call stack allows', () => {
    const depth = 50_000;
    const deepArray = `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
    const index = new FilterPolicyIndex();
    index.add('attrs', compileFilterPolicy('{"k": ["x"]}', 'MessageAttributes'));
    index.add('body', compileFilterPolicy('{"k": ["x"], "a": {"a": [{"exists": false}]}}', 'MessageBody'));
    const message = {
      attributes: { k: { DataType: 'String.Array', StringValue: deepArray } },
      body: `{"k": ${deepArray}, "a": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
    };
    expect(index.match(message).sort()).toEqual(['attrs', 'body']);
  });

  it('treats empty key segments alike in policies and bodies', () => {
    const index = new FilterPolicyIndex();
    const policy = compileFilterPolicy('{"": {"b": [1]}, "c.": [2]}', 'MessageBody');
    index.add('s', policy);
    const message = { body: '{"": {"b": 1}, "c": {"": 2}}' };
    expect(matchesFilterPolicy(policy, message)).toBe(true);
    expect(index.match(message)).toEqual(['s']);
  });
});
