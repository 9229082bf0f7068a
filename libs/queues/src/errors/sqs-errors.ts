import { AwsError, CommonErrors, invalidParameter, Sqs } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { InvalidMessage } from '../domain/invalid-message';
import { MAX_TAGS, QUEUE } from '../store/queue.store';

/** SQS's modelled errors (JSON `__type`, query code, HTTP status), as generated from its AWS model. */
export const SqsErrors = Sqs.SQS_MODEL.errors;

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

/**
 * The one place where the queue domain's errors become SQS's AWS errors: registered with the router
 * as the service's error mapper, and used for the entries of a batch. Undefined for anything else.
 */
export function mapSqsError(error: unknown): AwsError | undefined {
  if (error instanceof AwsError) return error;
  if (error instanceof InvalidMessage) {
    const shape =
      error.reason === 'InvalidMessageContents'
        ? SqsErrors.InvalidMessageContents
        : CommonErrors[error.reason];
    return new AwsError(shape, error.message);
  }
  if (error instanceof StoreError && error.entity === QUEUE) {
    switch (error.code) {
      case 'NOT_FOUND':
        return queueDoesNotExist();
      case 'EXISTS':
        return new AwsError(
          SqsErrors.QueueNameExists,
          `A queue already exists with the same name and a different value for attribute ${error.detail}`,
        );
      case 'DELETED_RECENTLY':
        return new AwsError(
          SqsErrors.QueueDeletedRecently,
          'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
        );
      case 'TOO_SOON':
        return new AwsError(
          SqsErrors.PurgeQueueInProgress,
          'Only one PurgeQueue operation on the queue is allowed every 60 seconds.',
        );
      case 'LIMIT_EXCEEDED':
        return invalidParameter(`Too many tags added for queue. The maximum number of tags is ${MAX_TAGS}.`);
      case 'UNREADABLE':
        return invalidParameter(
          `The queue's stored ${error.detail} cannot be read to change it; replace it with SetQueueAttributes.`,
        );
    }
  }
  return undefined;
}

/** The AWS error for what a batch entry ran into; anything the mapper does not know is a bug, rethrown. */
export function entryError(error: unknown): AwsError {
  const mapped = mapSqsError(error);
  if (!mapped) throw error;
  return mapped;
}
