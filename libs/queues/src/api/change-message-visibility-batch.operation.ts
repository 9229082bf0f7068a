import { Injectable } from '@nestjs/common';
import { AwsError, type AwsOperation, type OperationContext, s } from '@switchyard/aws-wire';
import { Clock } from '../clock';
import { QueueStore, type Receipt } from '../store/queue.store';
import { checkBatchEntries, failedEntry } from './batch-entries';
import { checkVisibilityTimeout, visibilityError } from './change-message-visibility.operation';
import { QueueDirectory } from './queue-directory';
import { ReceiptHandles } from './receipt-handle';
import { failedList, idEntry } from './sqs-shapes';

interface ChangeVisibilityBatchInput {
  QueueUrl?: string;
  Entries?: { Id?: string; ReceiptHandle?: string; VisibilityTimeout?: number }[];
}

/** ChangeMessageVisibilityBatch: up to 10 visibility changes in one store step. */
@Injectable()
export class ChangeMessageVisibilityBatchOperation implements AwsOperation<ChangeVisibilityBatchInput> {
  readonly name = 'ChangeMessageVisibilityBatch';
  readonly input = s.struct({
    QueueUrl: 'string',
    Entries: s.list(
      s.struct({ Id: 'string', ReceiptHandle: 'string', VisibilityTimeout: 'integer' }),
      'ChangeMessageVisibilityBatchRequestEntry',
    ),
  });
  readonly output = s.struct({
    Successful: s.list(idEntry, 'ChangeMessageVisibilityBatchResultEntry'),
    Failed: failedList,
  });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly receipts: ReceiptHandles,
    private readonly clock: Clock,
  ) {}

  async handle(input: ChangeVisibilityBatchInput, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    const entries = checkBatchEntries(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
    const now = this.clock.now();
    const failed: ReturnType<typeof failedEntry>[] = [];
    const valid: { id: string; handle: string; change: Receipt & { timeoutSeconds: number } }[] = [];
    for (const entry of entries) {
      try {
        const receipt = this.receipts.decode(queue, entry.ReceiptHandle);
        const timeoutSeconds = checkVisibilityTimeout(entry.VisibilityTimeout ?? 0, receipt.receivedAt, now);
        valid.push({ id: entry.Id, handle: entry.ReceiptHandle!, change: { ...receipt, timeoutSeconds } });
      } catch (e) {
        if (!(e instanceof AwsError)) throw e;
        failed.push(failedEntry(entry.Id, e));
      }
    }
    const successful: { Id: string }[] = [];
    if (valid.length) {
      const statuses = await this.directory.call(() =>
        this.store.changeVisibility(
          queue,
          now,
          valid.map((v) => v.change),
        ),
      );
      statuses.forEach((status, i) => {
        if (status === 'changed') successful.push({ Id: valid[i].id });
        else failed.push(failedEntry(valid[i].id, visibilityError(valid[i].handle, status)));
      });
    }
    return { Successful: successful, Failed: failed };
  }
}
