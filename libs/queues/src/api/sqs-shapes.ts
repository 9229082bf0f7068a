import { s } from '@switchyard/aws-wire';

// SQS members whose query/XML names differ from their JSON names, from the SQS API model.

export const attributeMap = s.named(s.map('string'), 'Attribute');
export const tagMap = s.named(s.map('string', 'Key', 'Value'), 'Tag');

export const messageAttributeValue = s.struct({
  StringValue: 'string',
  BinaryValue: 'blob',
  StringListValues: s.named(s.list('string', 'StringListValue', false), 'StringListValue'),
  BinaryListValues: s.named(s.list('blob', 'BinaryListValue', false), 'BinaryListValue'),
  DataType: 'string',
});

export const messageAttributeMap = s.named(s.map(messageAttributeValue), 'MessageAttribute');
export const messageSystemAttributeMap = s.named(s.map(messageAttributeValue), 'MessageSystemAttribute');

export const batchResultError = s.struct({
  Id: 'string',
  SenderFault: 'boolean',
  Code: 'string',
  Message: 'string',
});
export const failedList = s.list(batchResultError, 'BatchResultErrorEntry');

export const sendMessageFields = {
  MessageBody: 'string',
  DelaySeconds: 'integer',
  MessageAttributes: messageAttributeMap,
  MessageSystemAttributes: messageSystemAttributeMap,
  MessageDeduplicationId: 'string',
  MessageGroupId: 'string',
} as const;

export const sendResultFields = {
  MD5OfMessageBody: 'string',
  MD5OfMessageAttributes: 'string',
  MD5OfMessageSystemAttributes: 'string',
  MessageId: 'string',
  SequenceNumber: 'string',
} as const;

export const message = s.struct({
  MessageId: 'string',
  ReceiptHandle: 'string',
  MD5OfBody: 'string',
  Body: 'string',
  Attributes: attributeMap,
  MD5OfMessageAttributes: 'string',
  MessageAttributes: messageAttributeMap,
});

export const receiptEntry = s.struct({ Id: 'string', ReceiptHandle: 'string' });
export const idEntry = s.struct({ Id: 'string' });
export const queueUrlList = s.list('string', 'QueueUrl');
