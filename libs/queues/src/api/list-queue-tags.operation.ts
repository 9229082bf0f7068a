import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import type { SqsOperation } from './sqs-operation';

/** ListQueueTags: the queue's tags. */
@Injectable()
export class ListQueueTagsOperation implements SqsOperation<'ListQueueTags'> {
  readonly name = 'ListQueueTags';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: Sqs.ListQueueTagsRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    if (!(await this.store.exists(queue))) throw queueDoesNotExist();
    const tags = await this.store.tags(queue);
    return Object.keys(tags).length ? { Tags: tags } : {};
  }
}
