import { Injectable } from '@nestjs/common';
import { type AwsOperation, AwsIntRange, AwsString, type OperationContext, s, validateInput } from '@switchyard/aws-wire';
import { IsOptional } from 'class-validator';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { decodePageToken, encodePageToken } from './page-token';
import { QueueDirectory } from './queue-directory';
import { queueUrlList } from './sqs-shapes';

class ListDeadLetterSourceQueuesDto {
  QueueUrl?: string;
  @IsOptional() @AwsString() NextToken?: string;
  @IsOptional() @AwsIntRange(1, 1000, 'Must be between 1 and 1000, if provided.') MaxResults?: number;
}

/** ListDeadLetterSourceQueues: queues whose RedrivePolicy targets this queue. */
@Injectable()
export class ListDeadLetterSourceQueuesOperation implements AwsOperation {
  readonly name = 'ListDeadLetterSourceQueues';
  readonly input = s.struct({ QueueUrl: 'string', NextToken: 'string', MaxResults: 'integer' });
  readonly output = s.struct({ queueUrls: queueUrlList, NextToken: 'string' });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(raw: unknown, ctx: OperationContext) {
    const input = validateInput(ListDeadLetterSourceQueuesDto, raw);
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    if (!(await this.store.exists(queue))) throw queueDoesNotExist();
    const after = input.NextToken ? decodePageToken(input.NextToken) : undefined;
    const urls = (await this.store.deadLetterSources(queue)).map((q) => this.directory.url(q)).filter((u) => after === undefined || u > after);
    const limit = input.MaxResults ?? 1000;
    const page = urls.slice(0, limit);
    const more = input.MaxResults !== undefined && urls.length > limit;
    return { queueUrls: page, NextToken: more ? encodePageToken(page[page.length - 1]) : undefined };
  }
}
