import { Injectable } from '@nestjs/common';
import { type AwsOperation, type OperationContext, s } from '@switchyard/aws-wire';
import { Clock } from '../clock';
import { QueueStore } from '../store/queue.store';
import { QueueDirectory } from './queue-directory';

/** PurgeQueue: deletes every message; at most once every 60 seconds per queue. */
@Injectable()
export class PurgeQueueOperation implements AwsOperation<{ QueueUrl?: string }> {
  readonly name = 'PurgeQueue';
  readonly input = s.struct({ QueueUrl: 'string' });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: { QueueUrl?: string }, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    await this.directory.call(() => this.store.purge(queue, this.clock.now()));
    return undefined;
  }
}
