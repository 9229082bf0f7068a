import { attributeFields, bodyFields, parseBody } from './message-fields';

describe('message fields', () => {
  it('reads attributes by type: String, Number, String.Array, custom labels; Binary is invisible', () => {
    const fields = attributeFields({
      s: { DataType: 'String', StringValue: 'x' },
      n: { DataType: 'Number', StringValue: '3.015e2' },
      a: { DataType: 'String.Array', StringValue: '["x", 1, true, null, ["y"], {"z": 1}]' },
      c: { DataType: 'String.custom', StringValue: 'y' },
      b: { DataType: 'Binary', BinaryValue: 'AA==' },
      e: { DataType: 'String.Array', StringValue: '[]' },
    });
    expect([...fields]).toEqual([
      ['s', ['x']],
      ['n', [301.5]],
      ['a', ['x', 1, true, null, 'y']],
      ['c', ['y']],
    ]);
  });

  it('flattens a JSON body: nested keys joined with dots, arrays contributing every element', () => {
    const body = parseBody(JSON.stringify({ a: { b: [1, { c: 'x' }, [2]] }, 'a.b': 3, d: null, e: {} }));
    expect([...bodyFields(body)]).toEqual([
      ['a.b', [1, 2, 3]],
      ['a.b.c', ['x']],
      ['d', [null]],
    ]);
  });

  it('has no fields for a body that is not a JSON object', () => {
    for (const text of ['not json', '[1]', '"s"', '3', 'null', undefined]) {
      expect(bodyFields(parseBody(text)).size).toBe(0);
    }
  });

  it('copes with content nested deeper than the call stack allows', () => {
    const depth = 50_000;
    const deepArray = `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
    const deepObject = `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
    expect(attributeFields({ k: { DataType: 'String.Array', StringValue: deepArray } }).get('k')).toEqual([
      'x',
    ]);
    expect(bodyFields(parseBody(`{"k": ${deepArray}}`)).get('k')).toEqual(['x']);
    expect(bodyFields(parseBody(deepObject)).size).toBe(1);
  });

  it('keeps an empty key as an empty path segment', () => {
    expect([...bodyFields(parseBody('{"": {"b": 1}, "c": {"": 2}}'))]).toEqual([
      ['.b', [1]],
      ['c.', [2]],
    ]);
  });
});
