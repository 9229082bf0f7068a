import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { QueueDirectory } from '../domain/queue-directory';
import { entryError, queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore, type Receipt } from '../store/queue.store';
import { checkBatchEntries, failedEntry } from './batch-entries';
import { checkVisibilityTimeout, visibilityError } from './change-message-visibility.operation';
import { ReceiptHandles } from './receipt-handle';
import type { SqsOperation } from './sqs-operation';

/** ChangeMessageVisibilityBatch: up to 10 visibility changes in one store step; bad entries fail alone. */
@Injectable()
export class ChangeMessageVisibilityBatchOperation implements SqsOperation<'ChangeMessageVisibilityBatch'> {
  readonly name = 'ChangeMessageVisibilityBatch';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly receipts: ReceiptHandles,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.ChangeMessageVisibilityBatchRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    const entries = checkBatchEntries(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
    const now = this.clock.now();
    const failed: Sqs.BatchResultErrorEntry[] = [];
    const valid: { id: string; handle: string; change: Receipt & { timeoutSeconds: number } }[] = [];
    for (const entry of entries) {
      try {
        const receipt = this.receipts.decode(queue, entry.ReceiptHandle);
        const timeoutSeconds = checkVisibilityTimeout(entry.VisibilityTimeout ?? 0, receipt.receivedAt, now);
        valid.push({ id: entry.Id, handle: entry.ReceiptHandle, change: { ...receipt, timeoutSeconds } });
      } catch (e) {
        failed.push(failedEntry(entry.Id, entryError(e)));
      }
    }
    const successful: Sqs.ChangeMessageVisibilityBatchResultEntry[] = [];
    // With every entry refused, no store step would notice a missing queue: AWS answers that first.
    if (valid.length === 0 && !(await this.store.exists(queue))) throw queueDoesNotExist();
    if (valid.length) {
      const statuses = await this.store.changeVisibility(
        queue,
        now,
        valid.map((v) => v.change),
      );
      statuses.forEach((status, i) => {
        if (status === 'changed') successful.push({ Id: valid[i].id });
        else failed.push(failedEntry(valid[i].id, visibilityError(valid[i].handle, status)));
      });
    }
    return { Successful: successful, Failed: failed };
  }
}
