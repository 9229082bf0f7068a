import { parseCsv, parseItems, resultFiles, UnreadableItems } from './item-documents';

describe('the documents of Distributed Map item readers and result writers', () => {
  it('reads CSV as RFC 4180 has it: quoted delimiters, line breaks and quotes', () => {
    expect(parseCsv('a,b\r\n"x, y","line\nbreak"\n"say ""hi""",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'line\nbreak'],
      ['say "hi"', ''],
    ]);
    expect(() => parseCsv('"open')).toThrow(UnreadableItems);
  });

  it.each([
    ['JSON', '[1,{"a":2}]', {}, [1, { a: 2 }]],
    ['JSONL', '{"a":1}\n\n{"a":2}\n', { InputType: 'JSONL' }, [{ a: 1 }, { a: 2 }]],
    [
      'CSV with a header row',
      'id,name\n1,ann\n2,bob',
      { InputType: 'CSV' },
      [
        { id: '1', name: 'ann' },
        { id: '2', name: 'bob' },
      ],
    ],
    [
      'CSV with given headers and pipes',
      '1|ann',
      { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['id', 'name'], CSVDelimiter: 'PIPE' },
      [{ id: '1', name: 'ann' }],
    ],
  ])('reads %s', (_name, text, config, items) => {
    expect(parseItems(text, config)).toEqual(items);
  });

  it.each([
    ['{"not":"an array"}', {}, /array/],
    ['[1,', {}, /not valid JSON/],
    ['{"a":1}\nnope', { InputType: 'JSONL' }, /Line 2/],
    ['a,b\n1', { InputType: 'CSV' }, /Row 1/],
    ['x', { InputType: 'PARQUET' }, /PARQUET/],
  ])('refuses %j', (text, config, message) => {
    expect(() => parseItems(text, config)).toThrow(message);
  });

  it('writes succeeded and failed results apart, in the transformation and type asked for', () => {
    const results = [{ n: 1 }, { Error: 'E', Cause: 'c' }, [2, 3]];
    const none = resultFiles(results, {});
    expect(none).toMatchObject({ succeeded: 2, failed: 1 });
    expect(JSON.parse(none.files.get('SUCCEEDED_0.json')!)).toEqual([
      { Status: 'SUCCEEDED', Output: '{"n":1}' },
      { Status: 'SUCCEEDED', Output: '[2,3]' },
    ]);
    expect(JSON.parse(none.files.get('FAILED_0.json')!)).toEqual([
      { Status: 'FAILED', Error: 'E', Cause: 'c' },
    ]);
    const flat = resultFiles(results, { Transformation: 'FLATTEN', OutputType: 'JSONL' });
    expect(flat.files.get('SUCCEEDED_0.jsonl')).toBe('{"n":1}\n2\n3');
    expect(resultFiles([{ n: 1 }], { Transformation: 'COMPACT' }).files).toEqual(
      new Map([['SUCCEEDED_0.json', '[{"n":1}]']]),
    );
  });
});
