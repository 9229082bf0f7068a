import { Injectable } from '@nestjs/common';
import { type AwsOperation, type OperationContext, s } from '@switchyard/aws-wire';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { QueueDirectory } from './queue-directory';
import { tagMap } from './sqs-shapes';

/** ListQueueTags: the queue's tags. */
@Injectable()
export class ListQueueTagsOperation implements AwsOperation<{ QueueUrl?: string }> {
  readonly name = 'ListQueueTags';
  readonly input = s.struct({ QueueUrl: 'string' });
  readonly output = s.struct({ Tags: tagMap });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: { QueueUrl?: string }, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    if (!(await this.store.exists(queue))) throw queueDoesNotExist();
    const tags = await this.store.tags(queue);
    return Object.keys(tags).length ? { Tags: tags } : {};
  }
}
