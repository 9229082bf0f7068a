import { Injectable } from '@nestjs/common';
import { type AwsOperation, AwsIntRange, AwsString, invalidParameter, type OperationContext, s, validateInput } from '@switchyard/aws-wire';
import { IsOptional } from 'class-validator';
import { QueueStore } from '../store/queue.store';
import { QueueDirectory } from './queue-directory';
import { queueUrlList } from './sqs-shapes';
import { decodePageToken, encodePageToken } from './page-token';

class ListQueuesDto {
  @IsOptional() @AwsString() QueueNamePrefix?: string;
  @IsOptional() @AwsString() NextToken?: string;
  @IsOptional() @AwsIntRange(1, 1000, 'Must be between 1 and 1000, if provided.') MaxResults?: number;
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
    if (prefix.length > 80) throw invalidParameter('Value for parameter QueueNamePrefix is invalid. Reason: Must be at most 80 characters.');
    const after = input.NextToken ? decodePageToken(input.NextToken) : undefined;
    const limit = input.MaxResults ?? 1000;
    const names = await this.store.listQueueNames(ctx.accountId, prefix, after, limit + 1);
    const page = names.slice(0, limit);
    const more = input.MaxResults !== undefined && names.length > limit;
    return {
      QueueUrls: page.map((name) => this.directory.url({ accountId: ctx.accountId, name })),
      NextToken: more ? encodePageToken(page[page.length - 1]) : undefined,
    };
  }
}
