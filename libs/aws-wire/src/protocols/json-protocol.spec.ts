import { AwsError } from '../aws-error';
import { BLOB, BOOLEAN, INTEGER, list, map, STRING, struct, TIMESTAMP } from '../shapes';
import { validateInput } from '../validation';
import { decodeJsonInput, encodeJsonOutput } from './json-protocol';

const shape = struct('Demo', {
  Name: STRING,
  Count: INTEGER,
  Flag: BOOLEAN,
  Data: BLOB,
  Names: list(STRING),
  Attributes: map(STRING),
  Entries: list(
    struct('Entry', { Id: STRING, Delay: INTEGER, Values: map(struct('Value', { Text: STRING })) }),
  ),
});

/** What the router does with a JSON body: parse it, then check it against the shape's types. */
function decode(body: string): Record<string, unknown> {
  const input = decodeJsonInput(body);
  validateInput(input, shape, { jsonTypes: true });
  return input;
}

function failure(body: unknown): AwsError {
  try {
    decode(typeof body === 'string' ? body : JSON.stringify(body));
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

describe('AWS JSON input', () => {
  it('accepts well-typed members and ignores members the shape does not name', () => {
    const input = {
      Name: 'n',
      Count: 3,
      Flag: false,
      Data: 'AAE=',
      Names: ['a'],
      Attributes: { k: 'v' },
      Entries: [{ Id: 'e', Delay: 0, Values: { x: { Text: 't' } } }],
      Unknown: { anything: [1, null] },
    };
    expect(decode(JSON.stringify(input))).toEqual(input);
    expect(decode('')).toEqual({});
  });

  it('treats members set to null as absent', () => {
    expect(decode(JSON.stringify({ Name: null, Count: 1, Entries: [{ Id: null }] }))).toEqual({
      Count: 1,
      Entries: [{}],
    });
  });

  it('reads timestamps given as epoch seconds', () => {
    const input = decodeJsonInput(JSON.stringify({ At: 1700000000.5 }));
    validateInput(input, struct('T', { At: TIMESTAMP }), { jsonTypes: true });
    expect(input).toEqual({ At: new Date(1_700_000_000_500) });
  });

  it.each([
    [{ Name: 5 }, 'NUMBER_VALUE can not be converted to a String (member Name).'],
    [{ Count: 'ten' }, 'STRING_VALUE can not be converted to an Integer (member Count).'],
    [{ Flag: 'true' }, 'STRING_VALUE can not be converted to a Boolean (member Flag).'],
    [{ Data: true }, 'BOOLEAN_VALUE can not be converted to a Blob (member Data).'],
    [{ Name: { nested: 1 } }, 'Start of structure or map found where not expected (member Name).'],
    [{ Name: ['x'] }, 'Start of list found where not expected (member Name).'],
    [{ Names: 'a' }, 'STRING_VALUE can not be converted to a List (member Names).'],
    [{ Names: ['a', 1] }, 'NUMBER_VALUE can not be converted to a String (member Names[1]).'],
    [{ Names: [null] }, 'NULL_VALUE can not be converted to a String (member Names[0]).'],
    [{ Attributes: ['k', 'v'] }, 'Start of list found where not expected (member Attributes).'],
    [{ Attributes: { k: 1 } }, 'NUMBER_VALUE can not be converted to a String (member Attributes.k).'],
    [
      { Entries: [{ Delay: '5' }] },
      'STRING_VALUE can not be converted to an Integer (member Entries[0].Delay).',
    ],
    [{ Entries: ['e'] }, 'STRING_VALUE can not be converted to a Structure (member Entries[0]).'],
    [
      { Entries: [{ Values: { x: { Text: [] } } }] },
      'Start of list found where not expected (member Entries[0].Values.x.Text).',
    ],
  ])('refuses %j with a SerializationException', (body, message) => {
    const error = failure(body);
    expect({ code: error.shape.code, status: error.shape.status, message: error.message }).toEqual({
      code: 'SerializationException',
      status: 400,
      message,
    });
  });

  it('refuses bodies that are not JSON objects', () => {
    for (const body of ['[]', '"x"', '1', 'null', '{"Name":']) {
      expect(failure(body).shape.code).toBe('SerializationException');
    }
  });
});

describe('AWS JSON output', () => {
  const output = struct('Out', {
    startDate: TIMESTAMP,
    events: list(struct('Event', { timestamp: TIMESTAMP, id: INTEGER })),
    payload: BLOB,
    name: STRING,
  });

  it('writes timestamps as epoch seconds and bytes as base64, from the shape', () => {
    const json = encodeJsonOutput(
      {
        startDate: new Date(1_700_000_000_250),
        events: [{ timestamp: new Date(1_700_000_001_000), id: 1 }],
        payload: Uint8Array.of(0, 1, 2),
        name: 'n',
      },
      output,
    );
    expect(JSON.parse(json)).toEqual({
      startDate: 1_700_000_000.25,
      events: [{ timestamp: 1_700_000_001, id: 1 }],
      payload: 'AAEC',
      name: 'n',
    });
  });

  it('passes base64 text through and answers {} for no output', () => {
    expect(encodeJsonOutput({ payload: 'AAEC' }, output)).toBe('{"payload":"AAEC"}');
    expect(encodeJsonOutput(undefined, output)).toBe('{}');
  });
});
