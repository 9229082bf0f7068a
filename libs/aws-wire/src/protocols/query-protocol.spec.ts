import { AwsError, CommonErrors } from '../aws-error';
import { SQS_MODEL } from '../models/sqs/sqs.model.generated';
import { SNS_MODEL } from '../models/sns/sns.model.generated';
import { INTEGER, struct, TIMESTAMP } from '../shapes';
import type { ValidationIssue } from '../validation';
import { decodeQueryInput, encodeQueryError, encodeQueryInput, encodeQueryOutput } from './query-protocol';

const sendBatch = SQS_MODEL.operations.SendMessageBatch.input;

function decode(params: Record<string, string>, shape = sendBatch, issues: ValidationIssue[] = []) {
  return decodeQueryInput(new Map(Object.entries(params)), shape, issues);
}

describe('query protocol', () => {
  it('unflattens lists, maps and nested structures as the AWS CLI sends them', () => {
    expect(
      decode({
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
      }),
    ).toEqual({
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

  it('accepts member names as well as wire names', () => {
    const shape = SQS_MODEL.operations.SetQueueAttributes.input;
    expect(decode({ 'Attributes.1.Name': 'A', 'Attributes.1.Value': '1' }, shape)).toEqual({
      Attributes: { A: '1' },
    });
    expect(decode({ 'Attribute.1.Name': 'A', 'Attribute.1.Value': '1' }, shape)).toEqual({
      Attributes: { A: '1' },
    });
  });

  it('reads lists and maps that are not flattened (member, entry), as SNS sends them', () => {
    const shape = SNS_MODEL.operations.CreateTopic.input;
    expect(
      decode(
        {
          Name: 't',
          'Attributes.entry.1.key': 'DisplayName',
          'Attributes.entry.1.value': 'Topic',
          'Tags.member.1.Key': 'team',
          'Tags.member.1.Value': 'core',
        },
        shape,
      ),
    ).toEqual({ Name: 't', Attributes: { DisplayName: 'Topic' }, Tags: [{ Key: 'team', Value: 'core' }] });
  });

  it('writes inputs as their query parameters, the inverse of reading them', () => {
    const input = {
      QueueUrl: 'http://localhost/000000000000/q',
      Entries: [
        {
          Id: 'a',
          MessageBody: 'one',
          DelaySeconds: 5,
          MessageAttributes: { colour: { StringValue: 'blue', DataType: 'String' } },
        },
      ],
    };
    const params = encodeQueryInput(input, sendBatch);
    expect(params).toContainEqual(['SendMessageBatchRequestEntry.1.MessageAttribute.1.Name', 'colour']);
    expect(decode(Object.fromEntries(params))).toEqual(input);
    const topic = { Name: 't', Attributes: { A: 'x' }, Tags: [{ Key: 'k', Value: 'v' }] };
    const createTopic = SNS_MODEL.operations.CreateTopic.input;
    expect(decode(Object.fromEntries(encodeQueryInput(topic, createTopic)), createTopic)).toEqual(topic);
  });

  it('reports numbers, booleans and timestamps that do not parse as issues of kind type', () => {
    const shape = struct('Demo', { MaxNumberOfMessages: INTEGER, At: TIMESTAMP });
    const issues: ValidationIssue[] = [];
    expect(decode({ MaxNumberOfMessages: ' 7 ', At: '2024-01-02T03:04:05Z' }, shape, issues)).toEqual({
      MaxNumberOfMessages: 7,
      At: new Date('2024-01-02T03:04:05Z'),
    });
    decode({ MaxNumberOfMessages: 'ten', At: 'soon' }, shape, issues);
    expect(issues.map((i) => [i.kind, i.member, i.expected])).toEqual([
      ['type', 'MaxNumberOfMessages', 'an integer'],
      ['type', 'At', 'a timestamp'],
    ]);
  });

  it('renders results with flattened lists and maps, escaping text', () => {
    const xml = encodeQueryOutput(
      'Demo',
      { QueueUrls: ['a<b', 'c'], NextToken: 'n&' },
      SQS_MODEL.operations.ListQueues.output,
      'urn:x',
      'rid',
    );
    expect(xml).toBe(
      '<?xml version="1.0"?><DemoResponse xmlns="urn:x"><DemoResult><QueueUrl>a&lt;b</QueueUrl><QueueUrl>c</QueueUrl>' +
        '<NextToken>n&amp;</NextToken></DemoResult>' +
        '<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DemoResponse>',
    );
    const attributes = encodeQueryOutput(
      'GetQueueAttributes',
      { Attributes: { k: 'v&' } },
      SQS_MODEL.operations.GetQueueAttributes.output,
      'urn:x',
      'rid',
    );
    expect(attributes).toContain('<Attribute><Name>k</Name><Value>v&amp;</Value></Attribute>');
  });

  it('renders members, entries and timestamps as SNS and other query services do', () => {
    const xml = encodeQueryOutput(
      'ListTopics',
      { Topics: [{ TopicArn: 'arn:1' }, { TopicArn: 'arn:2' }] },
      SNS_MODEL.operations.ListTopics.output,
      'urn:sns',
      'rid',
    );
    expect(xml).toContain(
      '<Topics><member><TopicArn>arn:1</TopicArn></member><member><TopicArn>arn:2</TopicArn></member></Topics>',
    );
    const attrs = encodeQueryOutput(
      'GetTopicAttributes',
      { Attributes: { Owner: '1' } },
      SNS_MODEL.operations.GetTopicAttributes.output,
      'urn:sns',
      'rid',
    );
    expect(attrs).toContain('<Attributes><entry><key>Owner</key><value>1</value></entry></Attributes>');
  });

  it('renders errors in the ErrorResponse shape with the query code', () => {
    const err = new AwsError(SQS_MODEL.errors.QueueDoesNotExist, 'gone');
    expect(encodeQueryError(err, 'rid')).toContain(
      '<Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>gone</Message>',
    );
    expect(encodeQueryError(err, 'rid')).toContain('<Type>Sender</Type>');
    expect(encodeQueryError(new AwsError(CommonErrors.InternalFailure, 'x'), 'rid')).toContain(
      '<Type>Receiver</Type>',
    );
  });
});
