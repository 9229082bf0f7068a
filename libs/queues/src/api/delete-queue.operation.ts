import { Inject, Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { QUEUES_OPTIONS, type QueuesOptions } from '../queues.options';
import { QueueStore } from '../store/queue.store';
import type { SqsOperation } from './sqs-operation';

/** DeleteQueue: deletes a queue and its messages. */
@Injectable()
export class DeleteQueueOperation implements SqsOperation<'DeleteQueue'> {
  readonly name = 'DeleteQueue';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    @Inject(QUEUES_OPTIONS) private readonly options: QueuesOptions,
  ) {}

  async handle(input: Sqs.DeleteQueueRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    const attributes = await this.store.attributes(queue);
    await this.store.deleteQueue(queue, this.options.deleteCooldownSeconds * 1000);
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
