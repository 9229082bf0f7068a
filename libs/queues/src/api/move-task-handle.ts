import { AwsError, invalidParameter } from '@switchyard/aws-wire';
import { SqsErrors } from '../errors/sqs-errors';

/** Task handles name the task and its source queue, so CancelMessageMoveTask can find it. */
export function encodeTaskHandle(taskId: string, sourceArn: string): string {
  return Buffer.from(JSON.stringify({ taskId, sourceArn }), 'utf8').toString('base64');
}

export function decodeTaskHandle(handle: string): { taskId: string; sourceArn: string } {
  try {
    const parsed = JSON.parse(Buffer.from(handle, 'base64').toString('utf8'));
    if (typeof parsed.taskId === 'string' && typeof parsed.sourceArn === 'string') return parsed;
  } catch {
    // fall through
  }
  throw invalidParameter('Value for parameter TaskHandle is invalid.');
}

/** The error for an ARN parameter (SourceArn, DestinationArn) naming no queue, in AWS's words. */
export function resourceNotFound(parameter: 'SourceArn' | 'DestinationArn'): AwsError {
  return new AwsError(
    SqsErrors.ResourceNotFoundException,
    `The resource that you specified for the ${parameter} parameter doesn't exist.`,
  );
}
