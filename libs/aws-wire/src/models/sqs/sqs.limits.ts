import type { LimitsTable } from '../../shapes';

/**
 * AWS's documented SQS limits that fail a whole request, from the SQS API reference, with the
 * reason SQS gives for each. Limits that fail one entry of a batch alone (a message's DelaySeconds,
 * size, attributes) are checked by the operations, which answer per entry.
 */
export const SQS_LIMITS: LimitsTable = {
  'ReceiveMessageRequest.MaxNumberOfMessages': {
    range: { min: 1, max: 10 },
    reason: 'Must be between 1 and 10, if provided.',
  },
  'ReceiveMessageRequest.VisibilityTimeout': {
    range: { min: 0, max: 43_200 },
    reason: 'Must be >= 0 and <= 43200, if provided.',
  },
  'ReceiveMessageRequest.WaitTimeSeconds': {
    range: { min: 0, max: 20 },
    reason: 'Must be >= 0 and <= 20, if provided.',
  },
  'ReceiveMessageRequest.ReceiveRequestAttemptId': {
    pattern: '^[\\x21-\\x7e]{1,128}$',
    reason:
      'ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
  },
  'ListQueuesRequest.QueueNamePrefix': { length: { max: 80 }, reason: 'Must be at most 80 characters.' },
  'ListQueuesRequest.MaxResults': {
    range: { min: 1, max: 1000 },
    reason: 'Must be between 1 and 1000, if provided.',
  },
  'ListDeadLetterSourceQueuesRequest.MaxResults': {
    range: { min: 1, max: 1000 },
    reason: 'Must be between 1 and 1000, if provided.',
  },
  'ListMessageMoveTasksRequest.MaxResults': {
    range: { min: 1, max: 10 },
    reason: 'Must be between 1 and 10.',
  },
  'StartMessageMoveTaskRequest.MaxNumberOfMessagesPerSecond': {
    range: { min: 1, max: 500 },
    reason: 'Must be between 1 and 500.',
  },
  'AddPermissionRequest.Label': {
    pattern: '^[A-Za-z0-9_-]{1,80}$',
    reason: 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.',
  },
};
