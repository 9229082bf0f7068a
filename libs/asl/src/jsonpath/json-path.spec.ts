import fc from 'fast-check';
import { JsonPathSyntaxError, parseJsonPath } from './json-path.parser';
import { NOT_FOUND, selectPath } from './json-path.evaluator';
import { parseReferencePath, placeAtPath } from './reference-path';

const roots = (input: unknown) => ({
  input,
  context: { Execution: { Name: 'n' } },
  variables: { v: { a: [1, 2] } },
});

describe('JSONPath', () => {
  it.each(['', 'a', '$.', '$[', '$.a[?(@.b >)]', '$.a[1:2:0]', "$['unterminated]", '$..'])(
    'rejects %p',
    (text) => {
      expect(() => parseJsonPath(text)).toThrow(JsonPathSyntaxError);
    },
  );

  it('tells definite paths from indefinite ones', () => {
    expect(parseJsonPath('$.a[0].b').definite).toBe(true);
    expect(parseJsonPath("$['a'].b").definite).toBe(true);
    for (const p of ['$.a[*]', '$..a', '$.a[0,1]', '$.a[0:1]', '$.a[?(@.x)]', '$.*'])
      expect(parseJsonPath(p).definite).toBe(false);
  });

  it('selects from the context object and from variables', () => {
    expect(selectPath(parseJsonPath('$$.Execution.Name'), roots({}))).toBe('n');
    expect(selectPath(parseJsonPath('$v.a[1]'), roots({}))).toBe(2);
    expect(selectPath(parseJsonPath('$missing'), roots({}))).toBe(NOT_FOUND);
  });

  it('rejects a reference path that is indefinite or not on the input', () => {
    expect(() => parseReferencePath('$.a[*]')).toThrow();
    expect(() => parseReferencePath('$$.a')).toThrow();
    expect(() => parseReferencePath('$v.a')).toThrow();
  });

  const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
  it('finds any value placed at a definite path, without touching the original', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(key, { minLength: 1, maxLength: 4 }),
        fc.jsonValue(),
        (base, keys, value) => {
          const target = { root: base };
          const before = JSON.stringify(target);
          const path = parseReferencePath(`$.${keys.join('.')}`);
          let placed: unknown;
          try {
            placed = placeAtPath(target, path, value);
          } catch {
            return; // an intermediate non-object is a ResultPathMatchFailure, which is fine
          }
          expect(JSON.stringify(target)).toBe(before);
          expect(selectPath(parseJsonPath(`$.${keys.join('.')}`), roots(placed))).toEqual(value);
        },
      ),
    );
  });

  it('a wildcard returns exactly the values of an object or array', () => {
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue()), (obj) => {
        expect(selectPath(parseJsonPath('$.*'), roots(obj))).toEqual(Object.values(obj));
        expect(selectPath(parseJsonPath('$[*]'), roots(Object.values(obj)))).toEqual(Object.values(obj));
      }),
    );
  });
});
