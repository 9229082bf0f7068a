import { Injectable } from '@nestjs/common';
import { AwsError, invalidParameter, type Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { QueueDirectory } from '../domain/queue-directory';
import { SqsErrors } from '../errors/sqs-errors';
import { QueueStore, type VisibilityStatus } from '../store/queue.store';
import { ReceiptHandles } from './receipt-handle';
import type { SqsOperation } from './sqs-operation';

const MAX_VISIBILITY_SECONDS = 43_200;

/**
 * Checks a new visibility timeout: 0 to 43,200 s, and counted from now it may not end more than 12
 * hours after the message was received. Per entry of a batch, so it is not a limit of the model.
 */
export function checkVisibilityTimeout(value: number, receivedAt: number, now: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_VISIBILITY_SECONDS) {
    throw invalidParameter(
      `Value ${String(value)} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.`,
    );
  }
  if (now + value * 1000 - receivedAt > MAX_VISIBILITY_SECONDS * 1000) {
    throw invalidParameter(
      `Value ${String(value)} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_SECONDS} seconds]`,
    );
  }
  return value;
}

/** The AWS error for a visibility change the store refused. */
export function visibilityError(handle: string, status: Exclude<VisibilityStatus, 'changed'>): AwsError {
  if (status === 'not-inflight') {
    return new AwsError(SqsErrors.MessageNotInflight, 'The message referred to is not in flight.');
  }
  return invalidParameter(
    `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
  );
}

/** ChangeMessageVisibility: re-hides (or releases, with 0) a received message, counted from now. */
@Injectable()
export class ChangeMessageVisibilityOperation implements SqsOperation<'ChangeMessageVisibility'> {
  readonly name = 'ChangeMessageVisibility';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly receipts: ReceiptHandles,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.ChangeMessageVisibilityRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    const receipt = this.receipts.decode(queue, input.ReceiptHandle);
    const now = this.clock.now();
    const timeoutSeconds = checkVisibilityTimeout(input.VisibilityTimeout, receipt.receivedAt, now);
    const [status] = await this.store.changeVisibility(queue, now, [{ ...receipt, timeoutSeconds }]);
    if (status !== 'changed') throw visibilityError(input.ReceiptHandle, status);
    return undefined;
  }
}
