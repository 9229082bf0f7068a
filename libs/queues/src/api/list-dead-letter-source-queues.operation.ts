import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { page, pageStart } from './page-token';
import type { SqsOperation } from './sqs-operation';

/** ListDeadLetterSourceQueues: queues whose RedrivePolicy targets this queue. */
@Injectable()
export class ListDeadLetterSourceQueuesOperation implements SqsOperation<'ListDeadLetterSourceQueues'> {
  readonly name = 'ListDeadLetterSourceQueues';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: Sqs.ListDeadLetterSourceQueuesRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    if (!(await this.store.exists(queue))) throw queueDoesNotExist();
    const after = pageStart(input);
    const urls = (await this.store.deadLetterSources(queue))
      .map((q) => this.directory.url(q))
      .filter((u) => after === undefined || u > after);
    const result = page(urls, input, (url) => url);
    return { queueUrls: result.items, NextToken: result.NextToken };
  }
}
