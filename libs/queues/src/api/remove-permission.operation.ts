import { Injectable } from '@nestjs/common';
import {
  type AwsOperation,
  invalidParameter,
  missingParameter,
  type OperationContext,
  s,
} from '@switchyard/aws-wire';
import { Clock } from '../clock';
import { QueueStore } from '../store/queue.store';
import { QueueDirectory } from './queue-directory';

/** RemovePermission: removes the access Policy statement with the given label. */
@Injectable()
export class RemovePermissionOperation implements AwsOperation<{ QueueUrl?: string; Label?: string }> {
  readonly name = 'RemovePermission';
  readonly input = s.struct({ QueueUrl: 'string', Label: 'string' });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: { QueueUrl?: string; Label?: string }, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    if (!input.Label) throw missingParameter('Label');
    const removed = await this.directory.call(() =>
      this.store.editPolicy(queue, input.Label!, undefined, '', Math.floor(this.clock.now() / 1000)),
    );
    if (!removed)
      throw invalidParameter(
        `Value ${input.Label} for parameter Label is invalid. Reason: can't find label on existing policy.`,
      );
    return undefined;
  }
}
