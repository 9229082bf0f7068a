import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type AwsOperation, AwsRouter, type ServiceHooks, Sqs } from '@switchyard/aws-wire';
import { mapSqsError } from '../errors/sqs-errors';
import { AddPermissionOperation } from './add-permission.operation';
import { CancelMessageMoveTaskOperation } from './cancel-message-move-task.operation';
import { ChangeMessageVisibilityBatchOperation } from './change-message-visibility-batch.operation';
import { ChangeMessageVisibilityOperation } from './change-message-visibility.operation';
import { CreateQueueOperation } from './create-queue.operation';
import { DeleteMessageBatchOperation } from './delete-message-batch.operation';
import { DeleteMessageOperation } from './delete-message.operation';
import { DeleteQueueOperation } from './delete-queue.operation';
import { GetQueueAttributesOperation } from './get-queue-attributes.operation';
import { GetQueueUrlOperation } from './get-queue-url.operation';
import { ListDeadLetterSourceQueuesOperation } from './list-dead-letter-source-queues.operation';
import { ListMessageMoveTasksOperation } from './list-message-move-tasks.operation';
import { ListQueueTagsOperation } from './list-queue-tags.operation';
import { ListQueuesOperation } from './list-queues.operation';
import { PurgeQueueOperation } from './purge-queue.operation';
import { ReceiveMessageOperation } from './receive-message.operation';
import { RemovePermissionOperation } from './remove-permission.operation';
import { SendMessageBatchOperation } from './send-message-batch.operation';
import { SendMessageOperation } from './send-message.operation';
import { SetQueueAttributesOperation } from './set-queue-attributes.operation';
import { StartMessageMoveTaskOperation } from './start-message-move-task.operation';
import { TagQueueOperation } from './tag-queue.operation';
import { UntagQueueOperation } from './untag-queue.operation';

/** Every SQS operation Switchyard serves. */
export const SQS_OPERATIONS: Type<AwsOperation>[] = [
  AddPermissionOperation,
  CancelMessageMoveTaskOperation,
  ChangeMessageVisibilityOperation,
  ChangeMessageVisibilityBatchOperation,
  CreateQueueOperation,
  DeleteMessageOperation,
  DeleteMessageBatchOperation,
  DeleteQueueOperation,
  GetQueueAttributesOperation,
  GetQueueUrlOperation,
  ListDeadLetterSourceQueuesOperation,
  ListMessageMoveTasksOperation,
  ListQueueTagsOperation,
  ListQueuesOperation,
  PurgeQueueOperation,
  ReceiveMessageOperation,
  RemovePermissionOperation,
  SendMessageOperation,
  SendMessageBatchOperation,
  SetQueueAttributesOperation,
  StartMessageMoveTaskOperation,
  TagQueueOperation,
  UntagQueueOperation,
];

/** Paths that address a queue, as query-protocol clients post to queue URLs: `/<account>/<name>`. */
const QUEUE_PATH = /^\/\d{12}\/[^/]+\/?$/;

/**
 * SQS's quirks on the wire. Query clients (and some JSON ones) address a request to the queue URL
 * instead of naming it in QueueUrl; and SQS answers an empty required parameter as a missing one.
 */
export const SQS_HOOKS: ServiceHooks = {
  completeInput(input, request, shape) {
    if (input.QueueUrl === undefined && 'QueueUrl' in shape.members && request.path.length > 1) {
      input.QueueUrl = request.path;
    }
    for (const name of shape.required) if (input[name] === '') delete input[name];
  },
  ownsQueryRequest: (request, params) => QUEUE_PATH.test(request.path) || params.has('QueueUrl'),
};

/** Registers SQS with the process's AWS router: AWS JSON 1.0 (query-compatible) and query/XML. */
@Injectable()
export class SqsService implements OnModuleInit {
  constructor(
    private readonly router: AwsRouter,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.router.register({
      ...Sqs.SQS_WIRE,
      operations: SQS_OPERATIONS.map((op) => this.moduleRef.get(op)),
      mapError: mapSqsError,
      hooks: SQS_HOOKS,
    });
  }
}
