import { Injectable } from '@nestjs/common';
import { type AwsOperation, missingParameter, type OperationContext, s } from '@switchyard/aws-wire';
import { Clock } from '../clock';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { checkFifoAttributes, FIFO_ATTRIBUTES, normaliseAttributes } from './queue-attributes';
import { QueueDirectory } from './queue-directory';
import { RedrivePolicies } from './redrive-policies';
import { attributeMap } from './sqs-shapes';

function pick(from: Record<string, string>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (from[n] !== undefined) out[n] = from[n];
  return out;
}

interface SetQueueAttributesInput {
  QueueUrl?: string;
  Attributes?: Record<string, string>;
}

/** SetQueueAttributes: changes settable attributes; an empty RedrivePolicy removes the policy. */
@Injectable()
export class SetQueueAttributesOperation implements AwsOperation<SetQueueAttributesInput> {
  readonly name = 'SetQueueAttributes';
  readonly input = s.struct({ QueueUrl: 'string', Attributes: attributeMap });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly redrive: RedrivePolicies,
    private readonly clock: Clock,
  ) {}

  async handle(input: SetQueueAttributesInput, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    if (!input.Attributes) throw missingParameter('Attributes');
    const given = normaliseAttributes(input.Attributes, false);
    const current = await this.store.attributes(queue);
    if (!current) throw queueDoesNotExist();
    checkFifoAttributes(current.FifoQueue === 'true', { ...pick(current, FIFO_ATTRIBUTES), ...given }, false);
    const redrive = await this.redrive.resolve(queue, given);
    const update: Record<string, string> = {
      ...given,
      ...redrive,
      LastModifiedTimestamp: String(Math.floor(this.clock.now() / 1000)),
    };
    await this.directory.call(() => this.store.setAttributes(queue, update));
    if ('_deadLetterTarget' in redrive && current._deadLetterTarget !== redrive._deadLetterTarget) {
      if (current._deadLetterTarget)
        await this.store.linkDeadLetterSource(
          this.directory.fromStoredRef(current._deadLetterTarget),
          queue,
          false,
        );
      if (redrive._deadLetterTarget)
        await this.store.linkDeadLetterSource(
          this.directory.fromStoredRef(redrive._deadLetterTarget),
          queue,
          true,
        );
    }
    return undefined;
  }
}
