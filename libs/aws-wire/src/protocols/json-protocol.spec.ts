import { AwsError } from '../aws-error';
import { s } from '../shapes';
import { decodeJsonInput } from './json-protocol';

const shape = s.struct({
  Name: 'string',
  Count: 'integer',
  Flag: 'boolean',
  Data: 'blob',
  Names: s.list('string'),
  Attributes: s.map('string'),
  Entries: s.list(s.struct({ Id: 'string', Delay: 'integer', Values: s.map(s.struct({ Text: 'string' })) })),
});

function failure(body: unknown): AwsError {
  try {
    decodeJsonInput(typeof body === 'string' ? body : JSON.stringify(body), shape);
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

describe('decodeJsonInput', () => {
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
    expect(decodeJsonInput(JSON.stringify(input), shape)).toEqual(input);
    expect(decodeJsonInput('', shape)).toEqual({});
  });

  it('treats members set to null as absent', () => {
    expect(decodeJsonInput(JSON.stringify({ Name: null, Count: 1, Entries: [{ Id: null }] }), shape)).toEqual(
      {
        Count: 1,
        Entries: [{}],
      },
    );
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
