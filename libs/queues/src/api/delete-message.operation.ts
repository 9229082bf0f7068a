import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueMetrics } from '../domain/queue-metrics';
import { QueueStore } from '../store/queue.store';
import { ReceiptHandles } from './receipt-handle';
import type { SqsOperation } from './sqs-operation';

/** DeleteMessage: deletes a received message by its latest receipt handle. */
@Injectable()
export class DeleteMessageOperation implements SqsOperation<'DeleteMessage'> {
  readonly name = 'DeleteMessage';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly receipts: ReceiptHandles,
    private readonly metrics: QueueMetrics,
  ) {}

  async handle(input: Sqs.DeleteMessageRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    const [status] = await this.store.delete(queue, [this.receipts.decode(queue, input.ReceiptHandle)]);
    if (status === 'deleted') this.metrics.messagesDeleted(queue, 1);
    return undefined;
  }
}
