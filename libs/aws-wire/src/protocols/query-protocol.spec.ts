import { AwsError } from '../aws-error';
import { s } from '../shapes';
import { decodeQueryInput, encodeQueryError, encodeQueryOutput } from './query-protocol';
import { errorShape } from '../aws-error';

const attributeValue = s.struct({ StringValue: 'string', BinaryValue: 'blob', DataType: 'string' });
const sendBatch = s.struct({
  QueueUrl: 'string',
  Entries: s.list(
    s.struct({
      Id: 'string',
      MessageBody: 'string',
      DelaySeconds: 'integer',
      MessageAttributes: s.named(s.map(attributeValue), 'MessageAttribute'),
    }),
    'SendMessageBatchRequestEntry',
  ),
});

describe('query protocol', () => {
  it('unflattens lists, maps and nested structures as the AWS CLI sends them', () => {
    const params = new URLSearchParams({
      Action: 'SendMessageBatch',
      QueueUrl: 'http://localhost/000000000000/q',
      'SendMessageBatchRequestEntry.1.Id': 'a',
      'SendMessageBatchRequestEntry.1.MessageBody': 'one',
      'SendMessageBatchRequestEntry.1.DelaySeconds': '5',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'colour',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue': 'blue',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'String',
      'SendMessageBatchRequestEntry.2.Id': 'b',
      'SendMessageBatchRequestEntry.2.MessageBody': 'two',
    });
    expect(decodeQueryInput(params, sendBatch)).toEqual({
      QueueUrl: 'http://localhost/000000000000/q',
      Entries: [
        {
          Id: 'a',
          MessageBody: 'one',
          DelaySeconds: 5,
          MessageAttributes: { colour: { StringValue: 'blue', DataType: 'String' } },
        },
        { Id: 'b', MessageBody: 'two' },
      ],
    });
  });

  it('accepts member names as well as wire names for maps', () => {
    const shape = s.struct({ Attributes: s.named(s.map('string'), 'Attribute') });
    expect(
      decodeQueryInput(new URLSearchParams({ 'Attributes.1.Name': 'A', 'Attributes.1.Value': '1' }), shape),
    ).toEqual({ Attributes: { A: '1' } });
    expect(
      decodeQueryInput(new URLSearchParams({ 'Attribute.1.Name': 'A', 'Attribute.1.Value': '1' }), shape),
    ).toEqual({ Attributes: { A: '1' } });
  });

  it('refuses a non-integer for an integer member with InvalidParameterValue', () => {
    const shape = s.struct({ MaxNumberOfMessages: 'integer' });
    expect(() => decodeQueryInput(new URLSearchParams({ MaxNumberOfMessages: 'ten' }), shape)).toThrow(
      AwsError,
    );
  });

  it('renders results with flattened lists and maps, escaping text', () => {
    const shape = s.struct({
      QueueUrls: s.list('string', 'QueueUrl'),
      Attributes: s.named(s.map('string'), 'Attribute'),
    });
    const xml = encodeQueryOutput(
      'Demo',
      { QueueUrls: ['a<b', 'c'], Attributes: { k: 'v&' } },
      shape,
      'urn:x',
      'rid',
    );
    expect(xml).toBe(
      '<?xml version="1.0"?><DemoResponse xmlns="urn:x"><DemoResult><QueueUrl>a&lt;b</QueueUrl><QueueUrl>c</QueueUrl>' +
        '<Attribute><Name>k</Name><Value>v&amp;</Value></Attribute></DemoResult>' +
        '<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DemoResponse>',
    );
  });

  it('renders errors in the ErrorResponse shape with the query code', () => {
    const err = new AwsError(
      errorShape('QueueDoesNotExist', { queryCode: 'AWS.SimpleQueueService.NonExistentQueue' }),
      'gone',
    );
    expect(encodeQueryError(err, 'rid')).toContain(
      '<Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>gone</Message>',
    );
    expect(encodeQueryError(err, 'rid')).toContain('<Type>Sender</Type>');
  });
});
