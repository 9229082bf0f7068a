import { AwsError } from '@switchyard/aws-wire';
import { TargetInputError } from '../domain/target-input';

/** Why a delivery failed, in the words a dead-lettered event carries (ERROR_CODE, ERROR_MESSAGE). */
export interface DeliveryFailure {
  readonly errorCode: string;
  readonly message: string;
  /** Whether trying again may help: throttling and the target's own faults, not a missing target or bad input. */
  readonly retryable: boolean;
}

/** Errors of the target services that mean the target is gone: not retried, as on AWS. */
const NO_RESOURCE = new Set([
  'QueueDoesNotExist',
  'NotFoundException',
  'StateMachineDoesNotExist',
  'StateMachineDeleting',
  'ResourceNotFoundException',
]);

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'RequestThrottled',
  'TooManyRequestsException',
]);

/** Classifies what a target service (or the making of the target's input) threw, as EventBridge's DLQ codes do. */
export function classifyFailure(error: unknown): DeliveryFailure {
  if (error instanceof TargetInputError)
    return { errorCode: 'INVALID_JSON', message: error.message, retryable: false };
  if (error instanceof AwsError) {
    const message = `${error.code}: ${error.message}`;
    if (NO_RESOURCE.has(error.code)) return { errorCode: 'NO_RESOURCE', message, retryable: false };
    if (THROTTLING.has(error.code)) return { errorCode: 'THROTTLING', message, retryable: true };
    if (error.shape.fault === 'Receiver') return { errorCode: 'INTERNAL_ERROR', message, retryable: true };
    return { errorCode: 'INVALID_PARAMETER', message, retryable: false };
  }
  return {
    errorCode: 'INTERNAL_ERROR',
    message: (error as Error)?.message ?? String(error),
    retryable: true,
  };
}
