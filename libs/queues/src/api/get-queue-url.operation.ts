import { Injectable } from '@nestjs/common';
import type { OperationContext, Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { checkQueueName } from './queue-names';
import type { SqsOperation } from './sqs-operation';

/** GetQueueUrl: the URL of a queue by name (in the caller's account, or the given owner's). */
@Injectable()
export class GetQueueUrlOperation implements SqsOperation<'GetQueueUrl'> {
  readonly name = 'GetQueueUrl';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: Sqs.GetQueueUrlRequest, ctx: OperationContext) {
    const name = checkQueueName(input.QueueName);
    const queue = { accountId: input.QueueOwnerAWSAccountId || ctx.accountId, name };
    if (!(await this.store.exists(queue))) throw queueDoesNotExist();
    return { QueueUrl: this.directory.url(queue) };
  }
}
