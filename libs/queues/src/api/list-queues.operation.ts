import { Injectable } from '@nestjs/common';
import {
  type AwsOperation,
  AwsString,
  invalidParameter,
  type OperationContext,
  s,
  validateInput,
} from '@switchyard/aws-wire';
import { IsOptional } from 'class-validator';
import { QueueStore } from '../store/queue.store';
import { page, PageRequestDto, pageStart } from './page-token';
import { QueueDirectory } from './queue-directory';
import { queueUrlList } from './sqs-shapes';

class ListQueuesDto extends PageRequestDto {
  @IsOptional() @AwsString() QueueNamePrefix?: string;
}

/** ListQueues: queue URLs of the account in name order, by prefix, with pagination when MaxResults is set. */
@Injectable()
export class ListQueuesOperation implements AwsOperation {
  readonly name = 'ListQueues';
  readonly input = s.struct({ QueueNamePrefix: 'string', NextToken: 'string', MaxResults: 'integer' });
  readonly output = s.struct({ QueueUrls: queueUrlList, NextToken: 'string' });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(raw: unknown, ctx: OperationContext) {
    const input = validateInput(ListQueuesDto, raw);
    const prefix = input.QueueNamePrefix ?? '';
    if (prefix.length > 80)
      throw invalidParameter(
        'Value for parameter QueueNamePrefix is invalid. Reason: Must be at most 80 characters.',
      );
    const names = await this.store.listQueueNames(
      ctx.accountId,
      prefix,
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
