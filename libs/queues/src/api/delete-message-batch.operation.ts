import { Injectable } from '@nestjs/common';
import { AwsError, type AwsOperation, type OperationContext, s } from '@switchyard/aws-wire';
import { QueueStore, type Receipt } from '../store/queue.store';
import { checkBatchEntries, failedEntry } from './batch-entries';
import { QueueDirectory } from './queue-directory';
import { ReceiptHandles } from './receipt-handle';
import { failedList, idEntry, receiptEntry } from './sqs-shapes';

interface DeleteMessageBatchInput {
  QueueUrl?: string;
  Entries?: { Id?: string; ReceiptHandle?: string }[];
}

/** DeleteMessageBatch: up to 10 deletes in one store step; invalid handles fail alone. */
@Injectable()
export class DeleteMessageBatchOperation implements AwsOperation<DeleteMessageBatchInput> {
  readonly name = 'DeleteMessageBatch';
  readonly input = s.struct({
    QueueUrl: 'string',
    Entries: s.list(receiptEntry, 'DeleteMessageBatchRequestEntry'),
  });
  readonly output = s.struct({
    Successful: s.list(idEntry, 'DeleteMessageBatchResultEntry'),
    Failed: failedList,
  });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly receipts: ReceiptHandles,
  ) {}

  async handle(input: DeleteMessageBatchInput, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    const entries = checkBatchEntries(input.Entries, 'DeleteMessageBatchRequestEntry');
    const failed: ReturnType<typeof failedEntry>[] = [];
    const valid: { id: string; receipt: Receipt }[] = [];
    for (const entry of entries) {
      try {
        valid.push({ id: entry.Id, receipt: this.receipts.decode(queue, entry.ReceiptHandle) });
      } catch (e) {
        if (!(e instanceof AwsError)) throw e;
        failed.push(failedEntry(entry.Id, e));
      }
    }
    if (valid.length)
      await this.directory.call(() =>
        this.store.delete(
          queue,
          valid.map((v) => v.receipt),
        ),
      );
    return { Successful: valid.map((v) => ({ Id: v.id })), Failed: failed };
  }
}
