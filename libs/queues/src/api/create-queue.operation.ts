import { Injectable } from '@nestjs/common';
import type { OperationContext, Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueStore } from '../store/queue.store';
import { checkFifoAttributes, normaliseAttributes, withDefaults } from './queue-attributes';
import { checkQueueName } from './queue-names';
import { checkTags } from './queue-tags';
import { RedrivePolicies } from './redrive-policies';
import type { SqsOperation } from './sqs-operation';

/** CreateQueue: creates a queue, or returns the URL of an existing one with the same given attributes. */
@Injectable()
export class CreateQueueOperation implements SqsOperation<'CreateQueue'> {
  readonly name = 'CreateQueue';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly redrive: RedrivePolicies,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.CreateQueueRequest, ctx: OperationContext) {
    const name = checkQueueName(input.QueueName);
    const queue = { accountId: ctx.accountId, name };
    const fifo = name.endsWith('.fifo');
    const given = normaliseAttributes(input.Attributes, true);
    checkFifoAttributes(fifo, given, true);
    const tags = checkTags(input.tags);
    const redrive = await this.redrive.resolve(queue, given);
    const now = String(Math.floor(this.clock.now() / 1000));
    const stored: Record<string, string> = {
      ...withDefaults(given, fifo),
      CreatedTimestamp: now,
      LastModifiedTimestamp: now,
    };
    for (const [k, v] of Object.entries(redrive)) {
      if (v === '') delete stored[k];
      else stored[k] = v;
    }
    const created = await this.store.createQueue(queue, stored, Object.keys(given), tags);
    if (created && redrive._deadLetterTarget) {
      await this.store.linkDeadLetterSource(
        this.directory.fromStoredRef(redrive._deadLetterTarget),
        queue,
        true,
      );
    }
    return { QueueUrl: this.directory.url(queue) };
  }
}
