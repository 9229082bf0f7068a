import { Injectable } from '@nestjs/common';
import type { OperationContext, Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueStore } from '../store/queue.store';
import { page, pageStart } from './page-token';
import type { SqsOperation } from './sqs-operation';

/** ListQueues: queue URLs of the account in name order, by prefix, with pagination when MaxResults is set. */
@Injectable()
export class ListQueuesOperation implements SqsOperation<'ListQueues'> {
  readonly name = 'ListQueues';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: Sqs.ListQueuesRequest, ctx: OperationContext) {
    const names = await this.store.listQueueNames(
      ctx.accountId,
      input.QueueNamePrefix ?? '',
      pageStart(input),
      (input.MaxResults ?? 1000) + 1,
    );
    const result = page(names, input, (name) => name);
    return {
      QueueUrls: result.items.map((name) => this.directory.url({ accountId: ctx.accountId, name })),
      NextToken: result.NextToken,
    };
  }
}
