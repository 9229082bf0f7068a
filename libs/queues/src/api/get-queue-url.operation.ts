import { Injectable } from '@nestjs/common';
import { type AwsOperation, type OperationContext, s } from '@switchyard/aws-wire';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { QueueDirectory } from './queue-directory';

interface GetQueueUrlInput {
  QueueName?: string;
  QueueOwnerAWSAccountId?: string;
}

/** GetQueueUrl: the URL of a queue by name (in the caller's account, or the given owner's). */
@Injectable()
export class GetQueueUrlOperation implements AwsOperation<GetQueueUrlInput> {
  readonly name = 'GetQueueUrl';
  readonly input = s.struct({ QueueName: 'string', QueueOwnerAWSAccountId: 'string' });
  readonly output = s.struct({ QueueUrl: 'string' });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: GetQueueUrlInput, ctx: OperationContext) {
    const name = this.directory.checkName(input.QueueName);
    const queue = { accountId: input.QueueOwnerAWSAccountId || ctx.accountId, name };
    if (!(await this.store.exists(queue))) throw queueDoesNotExist();
    return { QueueUrl: this.directory.url(queue) };
  }
}
