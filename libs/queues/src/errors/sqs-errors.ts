import { AwsError, errorShape } from '@switchyard/aws-wire';

/** SQS's modelled errors: JSON `__type` name, query-protocol code and HTTP status, as AWS sends them. */
export const SqsErrors = {
  QueueDoesNotExist: errorShape('QueueDoesNotExist', {
    queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
  }),
  QueueNameExists: errorShape('QueueNameExists', { queryCode: 'QueueAlreadyExists' }),
  QueueDeletedRecently: errorShape('QueueDeletedRecently', {
    queryCode: 'AWS.SimpleQueueService.QueueDeletedRecently',
  }),
  InvalidAttributeName: errorShape('InvalidAttributeName'),
  InvalidAttributeValue: errorShape('InvalidAttributeValue'),
  ReceiptHandleIsInvalid: errorShape('ReceiptHandleIsInvalid', { status: 404 }),
  MessageNotInflight: errorShape('MessageNotInflight', {
    queryCode: 'AWS.SimpleQueueService.MessageNotInflight',
  }),
  TooManyEntriesInBatchRequest: errorShape('TooManyEntriesInBatchRequest', {
    queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  }),
  BatchEntryIdsNotDistinct: errorShape('BatchEntryIdsNotDistinct', {
    queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  }),
  EmptyBatchRequest: errorShape('EmptyBatchRequest', {
    queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest',
  }),
  BatchRequestTooLong: errorShape('BatchRequestTooLong', {
    queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong',
  }),
  InvalidBatchEntryId: errorShape('InvalidBatchEntryId', {
    queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  }),
  InvalidMessageContents: errorShape('InvalidMessageContents'),
  PurgeQueueInProgress: errorShape('PurgeQueueInProgress', {
    queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress',
    status: 403,
  }),
  UnsupportedOperation: errorShape('UnsupportedOperation', {
    queryCode: 'AWS.SimpleQueueService.UnsupportedOperation',
  }),
  OverLimit: errorShape('OverLimit', { status: 403 }),
  ResourceNotFoundException: errorShape('ResourceNotFoundException', { status: 404 }),
} as const;

/** The queue named by a request does not exist. */
export function queueDoesNotExist(): AwsError {
  return new AwsError(SqsErrors.QueueDoesNotExist, 'The specified queue does not exist.');
}

/** A receipt handle that Switchyard did not issue. */
export function receiptHandleInvalid(handle: string): AwsError {
  return new AwsError(
    SqsErrors.ReceiptHandleIsInvalid,
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
  );
}
