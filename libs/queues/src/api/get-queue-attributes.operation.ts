import { Injectable } from '@nestjs/common';
import { type AwsOperation, type OperationContext, s } from '@switchyard/aws-wire';
import { Clock } from '../clock';
import { QueueStore } from '../store/queue.store';
import { READABLE_ATTRIBUTES, unknownAttribute } from './queue-attributes';
import { QueueDirectory } from './queue-directory';
import { attributeMap } from './sqs-shapes';

interface GetQueueAttributesInput {
  QueueUrl?: string;
  AttributeNames?: string[];
}

/** GetQueueAttributes: stored attributes plus the counters and identifiers SQS computes. */
@Injectable()
export class GetQueueAttributesOperation implements AwsOperation<GetQueueAttributesInput> {
  readonly name = 'GetQueueAttributes';
  readonly input = s.struct({ QueueUrl: 'string', AttributeNames: s.list('string', 'AttributeName') });
  readonly output = s.struct({ Attributes: attributeMap });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: GetQueueAttributesInput, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    const names = input.AttributeNames ?? [];
    for (const name of names)
      if (name !== 'All' && !READABLE_ATTRIBUTES.has(name)) throw unknownAttribute(name);
    const snap = await this.directory.call(() => this.store.snapshot(queue, this.clock.now()));
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
