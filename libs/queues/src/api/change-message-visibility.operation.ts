import { Injectable } from '@nestjs/common';
import {
  AwsError,
  type AwsOperation,
  invalidParameter,
  missingParameter,
  type OperationContext,
  s,
} from '@switchyard/aws-wire';
import { Clock } from '../clock';
import { SqsErrors } from '../errors/sqs-errors';
import { QueueStore, type VisibilityStatus } from '../store/queue.store';
import { QueueDirectory } from './queue-directory';
import { ReceiptHandles } from './receipt-handle';

interface ChangeVisibilityInput {
  QueueUrl?: string;
  ReceiptHandle?: string;
  VisibilityTimeout?: number;
}

const MAX_VISIBILITY_SECONDS = 43_200;

/**
 * Checks a new visibility timeout: 0 to 43,200 s, and counted from now it may not end more than 12
 * hours after the message was received.
 */
export function checkVisibilityTimeout(value: unknown, receivedAt: number, now: number): number {
  if (value === undefined || value === null) throw missingParameter('VisibilityTimeout');
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_VISIBILITY_SECONDS) {
    throw invalidParameter(
      `Value ${String(value)} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.`,
    );
  }
  if (now + (value as number) * 1000 - receivedAt > MAX_VISIBILITY_SECONDS * 1000) {
    throw invalidParameter(
      `Value ${String(value)} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_SECONDS} seconds]`,
    );
  }
  return value as number;
}

/** The AWS error for a visibility change the store refused. */
export function visibilityError(handle: string, status: Exclude<VisibilityStatus, 'changed'>): AwsError {
  if (status === 'not-inflight')
    return new AwsError(SqsErrors.MessageNotInflight, 'The message referred to is not in flight.');
  return invalidParameter(
    `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
  );
}

/** ChangeMessageVisibility: re-hides (or releases, with 0) a received message, counted from now. */
@Injectable()
export class ChangeMessageVisibilityOperation implements AwsOperation<ChangeVisibilityInput> {
  readonly name = 'ChangeMessageVisibility';
  readonly input = s.struct({ QueueUrl: 'string', ReceiptHandle: 'string', VisibilityTimeout: 'integer' });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly receipts: ReceiptHandles,
    private readonly clock: Clock,
  ) {}

  async handle(input: ChangeVisibilityInput, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    if (input.ReceiptHandle === undefined) throw missingParameter('ReceiptHandle');
    const receipt = this.receipts.decode(queue, input.ReceiptHandle);
    const now = this.clock.now();
    const timeoutSeconds = checkVisibilityTimeout(input.VisibilityTimeout, receipt.receivedAt, now);
    const [status] = await this.directory.call(() =>
      this.store.changeVisibility(queue, now, [{ ...receipt, timeoutSeconds }]),
    );
    if (status !== 'changed') throw visibilityError(input.ReceiptHandle, status);
    return undefined;
  }
}
