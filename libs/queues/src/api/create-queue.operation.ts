import { Injectable } from '@nestjs/common';
import { type AwsOperation, type OperationContext, s } from '@switchyard/aws-wire';
import { Clock } from '../clock';
import { QueueStore } from '../store/queue.store';
import { checkFifoAttributes, normaliseAttributes, withDefaults } from './queue-attributes';
import { QueueDirectory } from './queue-directory';
import { RedrivePolicies } from './redrive-policies';
import { attributeMap, tagMap } from './sqs-shapes';
import { checkTags } from './queue-tags';

interface CreateQueueInput {
  QueueName?: string;
  Attributes?: Record<string, string>;
  tags?: Record<string, string>;
}

/** CreateQueue: creates a queue, or returns the URL of an existing one with the same given attributes. */
@Injectable()
export class CreateQueueOperation implements AwsOperation<CreateQueueInput> {
  readonly name = 'CreateQueue';
  readonly input = s.struct({ QueueName: 'string', Attributes: attributeMap, tags: tagMap });
  readonly output = s.struct({ QueueUrl: 'string' });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly redrive: RedrivePolicies,
    private readonly clock: Clock,
  ) {}

  async handle(input: CreateQueueInput, ctx: OperationContext) {
    const name = this.directory.checkName(input.QueueName);
    const queue = { accountId: ctx.accountId, name };
    const given = normaliseAttributes(input.Attributes, true);
    checkFifoAttributes(name.endsWith('.fifo'), given, true);
    const tags = checkTags(input.tags);
    const redrive = await this.redrive.resolve(queue, given);
    const now = String(Math.floor(this.clock.now() / 1000));
    const stored: Record<string, string> = {
      ...withDefaults(given, name.endsWith('.fifo')),
      CreatedTimestamp: now,
      LastModifiedTimestamp: now,
    };
    for (const [k, v] of Object.entries(redrive)) {
      if (v === '') delete stored[k];
      else stored[k] = v;
    }
    const created = await this.directory.call(() =>
      this.store.createQueue(queue, stored, Object.keys(given), tags),
    );
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
