import fc from 'fast-check';
import { decodeMessage, encodeMessage, type StoredMessage } from './stored-message';

const attribute = fc.oneof(
  fc.record({ DataType: fc.constant('String'), StringValue: fc.string() }),
  fc.record({ DataType: fc.constant('Number'), StringValue: fc.integer().map(String) }),
  fc.record({ DataType: fc.constant('Binary'), BinaryValue: fc.base64String() }),
);

const message: fc.Arbitrary<StoredMessage> = fc.record(
  {
    body: fc.string({ unit: 'binary', minLength: 1 }),
    md5OfBody: fc.stringMatching(/^[0-9a-f]{32}$/),
    attributes: fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/), attribute, { maxKeys: 10 }),
    sentAt: fc.integer({ min: 0, max: 2 ** 45 }),
    senderId: fc.string(),
    traceHeader: fc.string(),
    groupId: fc.string(),
    deduplicationId: fc.string(),
    sequence: fc.integer({ min: 1 }),
    deadLetterSourceArn: fc.string(),
  },
  { requiredKeys: ['body', 'md5OfBody', 'sentAt', 'senderId'] },
);

describe('encodeMessage', () => {
  it('writes the same JSON object the generic serialiser would, for any message', () => {
    fc.assert(
      fc.property(message, (m) => {
        const encoded = encodeMessage(m);
        expect(JSON.parse(encoded)).toEqual(JSON.parse(JSON.stringify(m)));
        expect(decodeMessage(encoded)).toEqual(m);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out fields that are undefined', () => {
    const encoded = encodeMessage({
      body: 'b',
      md5OfBody: 'm',
      sentAt: 1,
      senderId: 's',
      groupId: undefined,
    });
    expect(encoded).toBe('{"body":"b","md5OfBody":"m","sentAt":1,"senderId":"s"}');
  });
});
