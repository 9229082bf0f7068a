import { Inject, Injectable } from '@nestjs/common';
import { type AwsOperation, type OperationContext, s } from '@switchyard/aws-wire';
import { QUEUES_OPTIONS, type QueuesOptions } from '../queues.options';
import { QueueStore } from '../store/queue.store';
import { QueueDirectory } from './queue-directory';

/** DeleteQueue: deletes a queue and its messages. */
@Injectable()
export class DeleteQueueOperation implements AwsOperation<{ QueueUrl?: string }> {
  readonly name = 'DeleteQueue';
  readonly input = s.struct({ QueueUrl: 'string' });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    @Inject(QUEUES_OPTIONS) private readonly options: QueuesOptions,
  ) {}

  async handle(input: { QueueUrl?: string }, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    const attributes = await this.store.attributes(queue);
    await this.directory.call(() => this.store.deleteQueue(queue, this.options.deleteCooldownSeconds * 1000));
    if (attributes?._deadLetterTarget) {
      await this.store.linkDeadLetterSource(
        this.directory.fromStoredRef(attributes._deadLetterTarget),
        queue,
        false,
      );
    }
    return undefined;
  }
}
