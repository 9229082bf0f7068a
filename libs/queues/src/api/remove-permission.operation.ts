import { Injectable } from '@nestjs/common';
import { invalidParameter, type Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueStore } from '../store/queue.store';
import type { SqsOperation } from './sqs-operation';

/** RemovePermission: removes the access Policy statement with the given label. */
@Injectable()
export class RemovePermissionOperation implements SqsOperation<'RemovePermission'> {
  readonly name = 'RemovePermission';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.RemovePermissionRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    if (!(await this.store.editPolicy(queue, input.Label, undefined, '', nowSeconds))) {
      throw invalidParameter(
        `Value ${input.Label} for parameter Label is invalid. Reason: can't find label on existing policy.`,
      );
    }
    return undefined;
  }
}
