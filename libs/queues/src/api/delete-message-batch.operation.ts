import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueMetrics } from '../domain/queue-metrics';
import { entryError, queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore, type Receipt } from '../store/queue.store';
import { checkBatchEntries, failedEntry } from './batch-entries';
import { ReceiptHandles } from './receipt-handle';
import type { SqsOperation } from './sqs-operation';

/** DeleteMessageBatch: up to 10 deletes in one store step; invalid handles fail alone. */
@Injectable()
export class DeleteMessageBatchOperation implements SqsOperation<'DeleteMessageBatch'> {
  readonly name = 'DeleteMessageBatch';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly receipts: ReceiptHandles,
    private readonly metrics: QueueMetrics,
  ) {}

  async handle(input: Sqs.DeleteMessageBatchRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    const entries = checkBatchEntries(input.Entries, 'DeleteMessageBatchRequestEntry');
    const failed: Sqs.BatchResultErrorEntry[] = [];
    const valid: { id: string; receipt: Receipt }[] = [];
    for (const entry of entries) {
      try {
        valid.push({ id: entry.Id, receipt: this.receipts.decode(queue, entry.ReceiptHandle) });
      } catch (e) {
        failed.push(failedEntry(entry.Id, entryError(e)));
      }
    }
    if (valid.length) {
      const statuses = await this.store.delete(
        queue,
        valid.map((v) => v.receipt),
      );
      this.metrics.messagesDeleted(queue, statuses.filter((s) => s === 'deleted').length);
    } else if (!(await this.store.exists(queue))) {
      // With every entry refused, no store step would notice a missing queue: AWS answers that first.
      throw queueDoesNotExist();
    }
    return { Successful: valid.map((v) => ({ Id: v.id })), Failed: failed };
  }
}
