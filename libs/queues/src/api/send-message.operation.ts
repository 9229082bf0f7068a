import { Injectable } from '@nestjs/common';
import { type AwsOperation, type OperationContext, s } from '@switchyard/aws-wire';
import { Clock } from '../clock';
import { isFifoQueue, QueueStore } from '../store/queue.store';
import { prepareMessage, type SendEntry, sendResult } from './outgoing-message';
import { QueueDirectory } from './queue-directory';
import { sendMessageFields, sendResultFields } from './sqs-shapes';

/** SendMessage: enqueues one message. */
@Injectable()
export class SendMessageOperation implements AwsOperation<SendEntry & { QueueUrl?: string }> {
  readonly name = 'SendMessage';
  readonly input = s.struct({ QueueUrl: 'string', ...sendMessageFields });
  readonly output = s.struct(sendResultFields);

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: SendEntry & { QueueUrl?: string }, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    const now = this.clock.now();
    const prepared = prepareMessage(input, ctx, now, isFifoQueue(queue));
    const { outcomes, maxSize } = await this.directory.call(() =>
      this.store.send(queue, now, [prepared.outgoing]),
    );
    return sendResult(prepared, outcomes[0], maxSize);
  }
}
