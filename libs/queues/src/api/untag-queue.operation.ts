import { Injectable } from '@nestjs/common';
import { type AwsOperation, missingParameter, type OperationContext, s } from '@switchyard/aws-wire';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { QueueDirectory } from './queue-directory';

interface UntagQueueInput {
  QueueUrl?: string;
  TagKeys?: string[];
}

/** UntagQueue: removes tags by key. */
@Injectable()
export class UntagQueueOperation implements AwsOperation<UntagQueueInput> {
  readonly name = 'UntagQueue';
  readonly input = s.struct({ QueueUrl: 'string', TagKeys: s.list('string', 'TagKey') });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: UntagQueueInput, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    if (!input.TagKeys || input.TagKeys.length === 0) throw missingParameter('TagKeys');
    if (!(await this.store.exists(queue))) throw queueDoesNotExist();
    await this.store.untag(queue, input.TagKeys);
    return undefined;
  }
}
