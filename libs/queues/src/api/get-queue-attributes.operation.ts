import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueStore } from '../store/queue.store';
import { READABLE_ATTRIBUTES, unknownAttribute } from './queue-attributes';
import type { SqsOperation } from './sqs-operation';

/** GetQueueAttributes: stored attributes plus the counters and identifiers SQS computes. */
@Injectable()
export class GetQueueAttributesOperation implements SqsOperation<'GetQueueAttributes'> {
  readonly name = 'GetQueueAttributes';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.GetQueueAttributesRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    const names = input.AttributeNames ?? [];
    for (const name of names)
      if (name !== 'All' && !READABLE_ATTRIBUTES.has(name)) throw unknownAttribute(name);
    const snap = await this.store.snapshot(queue, this.clock.now());
    if (names.length === 0) return {};
    const all: Record<string, string> = {
      QueueArn: this.directory.arn(queue),
      ApproximateNumberOfMessages: String(snap.visible),
      ApproximateNumberOfMessagesNotVisible: String(snap.notVisible),
      ApproximateNumberOfMessagesDelayed: String(snap.delayed),
    };
    for (const [k, v] of Object.entries(snap.attributes)) if (!k.startsWith('_')) all[k] = v;
    const wanted = names.includes('All') ? Object.keys(all) : names;
    const Attributes: Record<string, string> = {};
    for (const name of wanted) if (all[name] !== undefined) Attributes[name] = all[name];
    return { Attributes };
  }
}
