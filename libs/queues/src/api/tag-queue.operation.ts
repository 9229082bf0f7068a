import { Injectable } from '@nestjs/common';
import { missingParameter, type Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueStore } from '../store/queue.store';
import { checkTags } from './queue-tags';
import type { SqsOperation } from './sqs-operation';

/** TagQueue: adds or overwrites cost-allocation tags (at most 50 per queue, counted in the store step). */
@Injectable()
export class TagQueueOperation implements SqsOperation<'TagQueue'> {
  readonly name = 'TagQueue';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: Sqs.TagQueueRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    if (Object.keys(input.Tags).length === 0) throw missingParameter('Tags');
    await this.store.tag(queue, checkTags(input.Tags));
    return undefined;
  }
}
