import { Injectable } from '@nestjs/common';
import { invalidParameter, missingParameter, type Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueStore } from '../store/queue.store';
import type { SqsOperation } from './sqs-operation';

const SHAREABLE_ACTIONS = new Set([
  '*',
  'ChangeMessageVisibility',
  'DeleteMessage',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'PurgeQueue',
  'ReceiveMessage',
  'SendMessage',
]);

/** AddPermission: adds an Allow statement for other accounts to the queue's access Policy. */
@Injectable()
export class AddPermissionOperation implements SqsOperation<'AddPermission'> {
  readonly name = 'AddPermission';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.AddPermissionRequest) {
    const queue = this.directory.resolve(input.QueueUrl);
    if (input.AWSAccountIds.length === 0) throw missingParameter('AWSAccountIds');
    if (input.Actions.length === 0) throw missingParameter('Actions');
    for (const action of input.Actions) {
      if (!SHAREABLE_ACTIONS.has(action)) {
        throw invalidParameter(
          `Value SQS:${action} for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action.`,
        );
      }
    }
    const arn = this.directory.arn(queue);
    const statement = {
      Sid: input.Label,
      Effect: 'Allow',
      Principal: { AWS: input.AWSAccountIds.map((id) => `arn:aws:iam::${id}:root`) },
      Action: input.Actions.map((a) => `SQS:${a}`),
      Resource: arn,
    };
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    if (
      !(await this.store.editPolicy(queue, input.Label, statement, `${arn}/SQSDefaultPolicy`, nowSeconds))
    ) {
      throw invalidParameter(`Value ${input.Label} for parameter Label is invalid. Reason: Already exists.`);
    }
    return undefined;
  }
}
