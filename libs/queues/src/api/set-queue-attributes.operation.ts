import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { QueueDirectory } from '../domain/queue-directory';
import { queueDoesNotExist } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { checkFifoAttributes, FIFO_ATTRIBUTES, normaliseAttributes } from './queue-attributes';
import { RedrivePolicies } from './redrive-policies';
import type { SqsOperation } from './sqs-operation';

function pick(from: Record<string, string>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (from[n] !== undefined) out[n] = from[n];
  return out;
}

/** SetQueueAttributes: changes settable attributes; an empty RedrivePolicy removes the policy. */
@Injectable()
export class SetQueueAttributesOperation implements SqsOperation<'SetQueueAttributes'> {
  readonly name = 'SetQueueAttributes';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly redrive: RedrivePolicies,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.SetQueueAttributesRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
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
    await this.store.setAttributes(queue, update);
    if ('_deadLetterTarget' in redrive && current._deadLetterTarget !== redrive._deadLetterTarget) {
      if (current._deadLetterTarget) {
        await this.store.linkDeadLetterSource(
          this.directory.fromStoredRef(current._deadLetterTarget),
          queue,
          false,
        );
      }
      if (redrive._deadLetterTarget) {
        await this.store.linkDeadLetterSource(
          this.directory.fromStoredRef(redrive._deadLetterTarget),
          queue,
          true,
        );
      }
    }
    return undefined;
  }
}
