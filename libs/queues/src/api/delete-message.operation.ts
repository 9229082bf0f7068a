import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
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
  ) {}

  async handle(input: Sqs.DeleteMessageRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    await this.store.delete(queue, [this.receipts.decode(queue, input.ReceiptHandle)]);
    return undefined;
  }
}
