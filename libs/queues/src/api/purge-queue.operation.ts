import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueStore } from '../store/queue.store';
import type { SqsOperation } from './sqs-operation';

/** PurgeQueue: deletes every message; at most once every 60 seconds per queue. */
@Injectable()
export class PurgeQueueOperation implements SqsOperation<'PurgeQueue'> {
  readonly name = 'PurgeQueue';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.PurgeQueueRequest) {
    await this.store.purge(this.directory.resolve(input.QueueUrl), this.clock.now());
    return undefined;
  }
}
