import { Injectable } from '@nestjs/common';
import { type AwsOperation, missingParameter, type OperationContext, s } from '@switchyard/aws-wire';
import { QueueStore } from '../store/queue.store';
import { QueueDirectory } from './queue-directory';
import { ReceiptHandles } from './receipt-handle';

/** DeleteMessage: deletes a received message by its latest receipt handle. */
@Injectable()
export class DeleteMessageOperation implements AwsOperation<{ QueueUrl?: string; ReceiptHandle?: string }> {
  readonly name = 'DeleteMessage';
  readonly input = s.struct({ QueueUrl: 'string', ReceiptHandle: 'string' });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly receipts: ReceiptHandles,
  ) {}

  async handle(input: { QueueUrl?: string; ReceiptHandle?: string }, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    if (input.ReceiptHandle === undefined) throw missingParameter('ReceiptHandle');
    const receipt = this.receipts.decode(queue, input.ReceiptHandle);
    await this.directory.call(() => this.store.delete(queue, [receipt]));
    return undefined;
  }
}
