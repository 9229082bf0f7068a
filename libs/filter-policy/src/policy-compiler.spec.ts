import { compileFilterPolicy, FilterPolicyError } from './index';

function errorOf(
  policy: string,
  scope: 'MessageAttributes' | 'MessageBody' = 'MessageAttributes',
): FilterPolicyError {
  try {
    compileFilterPolicy(policy, scope);
  } catch (error) {
    if (error instanceof FilterPolicyError) return error;
    throw error;
  }
  throw new Error('policy was accepted');
}

describe('compileFilterPolicy', () => {
  it('counts combinations as AWS does: arrays multiply, nesting depth multiplies, $or branches add', () => {
    expect(compileFilterPolicy('{"a": ["1", "2", "3"], "b": ["1"], "c": ["1", "2"]}').combinations).toBe(6);
    const nested = { key_a: { key_b: { key_c: ['1', '2', '3', '4'] } }, key_d: { key_e: ['1', '2', '3'] } };
    expect(compileFilterPolicy(JSON.stringify(nested), 'MessageBody').combinations).toBe(72);
    const or = { x: ['1', '2'], $or: [{ a: ['1', '2', '3'] }, { b: ['1'], c: ['1', '2'] }] };
    expect(compileFilterPolicy(JSON.stringify(or)).combinations).toBe(2 * (3 + 2));
  });

  it('expands $or into one conjunction per branch, nested ones included', () => {
    const policy = { s: ['x'], $or: [{ a: ['1'] }, { b: ['2'], $or: [{ c: ['3'] }, { d: ['4'] }] }] };
    const compiled = compileFilterPolicy(JSON.stringify(policy));
    expect(compiled.conjunctions.map((c) => c.map((step) => step.path).sort())).toEqual([
      ['a', 's'],
      ['b', 'c', 's'],
      ['b', 'd', 's'],
    ]);
  });

  it('joins nested keys with dots', () => {
    const compiled = compileFilterPolicy('{"a": {"b": {"c": ["x"]}}, "d.e": ["y"]}', 'MessageBody');
    expect(compiled.conjunctions[0].map((step) => step.path)).toEqual(['a.b.c', 'd.e']);
  });

  it('refuses a policy over 256 KB, counting UTF-8 bytes', () => {
    const atLimit = `{"a": ["${'x'.repeat(256 * 1024 - 11)}"]}`;
    expect(atLimit.length).toBe(256 * 1024);
    expect(() => compileFilterPolicy(atLimit)).not.toThrow();
    expect(errorOf(`{"a": ["${'é'.repeat(140 * 1024)}"]}`).message).toBe(
      'Invalid parameter: FilterPolicy: Filter policy is too long',
    );
  });

  it('offers the Subscribe wording of a rejection alongside the SetSubscriptionAttributes one', () => {
    const error = errorOf('{"key": [{"suffix": 100}]}');
    expect(error.code).toBe('InvalidParameter');
    expect(error.message).toBe('Invalid parameter: FilterPolicy: suffix match pattern must be a string');
    expect(error.subscribeMessage).toBe(
      'Invalid parameter: Attributes Reason: FilterPolicy: suffix match pattern must be a string',
    );
  });

  it('checks the key limit before the shape and the shape before the complexity', () => {
    const six = JSON.stringify({ a: [], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] });
    expect(errorOf(six).reason).toBe('FilterPolicy: Filter policy can not have more than 5 keys');
    const emptyAndComplex = JSON.stringify({ a: [], b: Array.from({ length: 151 }, (_v, i) => String(i)) });
    expect(errorOf(emptyAndComplex).reason).toBe('FilterPolicy: Empty arrays are not allowed');
  });

  it('refuses numeric operands outside the comparable range', () => {
    expect(errorOf('{"a": [{"numeric": ["<", -1000000001]}]}').reason).toBe(
      'FilterPolicy: Value must be between -1.0E9 and 1.0E9, inclusive',
    );
    expect(() =>
      compileFilterPolicy('{"a": [{"numeric": [">=", -1000000000, "<=", 1000000000]}]}'),
    ).not.toThrow();
  });

  it('accepts plain numbers beyond the comparable range as exact values', () => {
    expect(() => compileFilterPolicy('{"account": [123456789012]}')).not.toThrow();
  });

  it('treats an empty policy as one empty conjunction', () => {
    expect(compileFilterPolicy('{}').conjunctions).toEqual([[]]);
  });

  it('lets a later mention of a path replace an earlier one, as the rule compiler SNS runs does', () => {
    const compiled = compileFilterPolicy('{"a": {"b": ["1"]}, "a.b": ["2"]}', 'MessageBody');
    expect(compiled.conjunctions).toEqual([[{ path: 'a.b', patterns: [{ kind: 'exact', value: '2' }] }]]);
  });
});
