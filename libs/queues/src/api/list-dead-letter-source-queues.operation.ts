import { Injectable } from '@nestjs/common';
import { type AwsOperation, type OperationContext, s, validateInput } from '@switchyard/aws-wire';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { page, PageRequestDto, pageStart } from './page-token';
import { QueueDirectory } from './queue-directory';
import { queueUrlList } from './sqs-shapes';

class ListDeadLetterSourceQueuesDto extends PageRequestDto {
  QueueUrl?: string;
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
    const after = pageStart(input);
    const urls = (await this.store.deadLetterSources(queue))
      .map((q) => this.directory.url(q))
      .filter((u) => after === undefined || u > after);
    const result = page(urls, input, (url) => url);
    return { queueUrls: result.items, NextToken: result.NextToken };
  }
}
