import { Injectable } from '@nestjs/common';
import { missingParameter, type Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import type { SqsOperation } from './sqs-operation';

/** UntagQueue: removes tags by key. */
@Injectable()
export class UntagQueueOperation implements SqsOperation<'UntagQueue'> {
  readonly name = 'UntagQueue';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: Sqs.UntagQueueRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    if (input.TagKeys.length === 0) throw missingParameter('TagKeys');
    if (!(await this.store.exists(queue))) throw queueDoesNotExist();
    await this.store.untag(queue, input.TagKeys);
    return undefined;
  }
}
