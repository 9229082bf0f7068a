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

interface AddPermissionInput {
  QueueUrl?: string;
  Label?: string;
  AWSAccountIds?: string[];
  Actions?: string[];
}

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
export class AddPermissionOperation implements AwsOperation<AddPermissionInput> {
  readonly name = 'AddPermission';
  readonly input = s.struct({
    QueueUrl: 'string',
    Label: 'string',
    AWSAccountIds: s.list('string', 'AWSAccountId'),
    Actions: s.list('string', 'ActionName'),
  });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: AddPermissionInput, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    if (!input.Label) throw missingParameter('Label');
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(input.Label)) {
      throw invalidParameter(
        `Value ${input.Label} for parameter Label is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.`,
      );
    }
    if (!input.AWSAccountIds?.length) throw missingParameter('AWSAccountIds');
    if (!input.Actions?.length) throw missingParameter('Actions');
    for (const action of input.Actions) {
      if (!SHAREABLE_ACTIONS.has(action))
        throw invalidParameter(
          `Value SQS:${action} for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action.`,
        );
    }
    const arn = this.directory.arn(queue);
    const statement = {
      Sid: input.Label,
      Effect: 'Allow',
      Principal: { AWS: input.AWSAccountIds.map((id) => `arn:aws:iam::${id}:root`) },
      Action: input.Actions.map((a) => `SQS:${a}`),
      Resource: arn,
    };
    const added = await this.directory.call(() =>
      this.store.editPolicy(
        queue,
        input.Label!,
        statement,
        `${arn}/SQSDefaultPolicy`,
        Math.floor(this.clock.now() / 1000),
      ),
    );
    if (!added)
      throw invalidParameter(`Value ${input.Label} for parameter Label is invalid. Reason: Already exists.`);
    return undefined;
  }
}
