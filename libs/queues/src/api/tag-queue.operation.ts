import { Injectable } from '@nestjs/common';
import {
  type AwsOperation,
  invalidParameter,
  missingParameter,
  type OperationContext,
  s,
} from '@switchyard/aws-wire';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { QueueDirectory } from './queue-directory';
import { checkTags, MAX_TAGS } from './queue-tags';
import { tagMap } from './sqs-shapes';

interface TagQueueInput {
  QueueUrl?: string;
  Tags?: Record<string, string>;
}

/** TagQueue: adds or overwrites cost-allocation tags (at most 50 per queue). */
@Injectable()
export class TagQueueOperation implements AwsOperation<TagQueueInput> {
  readonly name = 'TagQueue';
  readonly input = s.struct({ QueueUrl: 'string', Tags: tagMap });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: TagQueueInput, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    if (!input.Tags || Object.keys(input.Tags).length === 0) throw missingParameter('Tags');
    const tags = checkTags(input.Tags);
    if (!(await this.store.exists(queue))) throw queueDoesNotExist();
    const merged = { ...(await this.store.tags(queue)), ...tags };
    if (Object.keys(merged).length > MAX_TAGS)
      throw invalidParameter(`Too many tags added for queue. The maximum number of tags is ${MAX_TAGS}.`);
    await this.store.tag(queue, tags);
    return undefined;
  }
}
