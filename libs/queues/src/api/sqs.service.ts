import { Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type AwsOperation, AwsRouter, operationMap } from '@switchyard/aws-wire';
import { AddPermissionOperation } from './add-permission.operation';
import { CancelMessageMoveTaskOperation } from './cancel-message-move-task.operation';
import { ListMessageMoveTasksOperation } from './list-message-move-tasks.operation';
import { StartMessageMoveTaskOperation } from './start-message-move-task.operation';
import { ChangeMessageVisibilityBatchOperation } from './change-message-visibility-batch.operation';
import { ChangeMessageVisibilityOperation } from './change-message-visibility.operation';
import { CreateQueueOperation } from './create-queue.operation';
import { DeleteMessageBatchOperation } from './delete-message-batch.operation';
import { DeleteMessageOperation } from './delete-message.operation';
import { DeleteQueueOperation } from './delete-queue.operation';
import { GetQueueAttributesOperation } from './get-queue-attributes.operation';
import { GetQueueUrlOperation } from './get-queue-url.operation';
import { ListDeadLetterSourceQueuesOperation } from './list-dead-letter-source-queues.operation';
import { ListQueueTagsOperation } from './list-queue-tags.operation';
import { ListQueuesOperation } from './list-queues.operation';
import { PurgeQueueOperation } from './purge-queue.operation';
import { ReceiveMessageOperation } from './receive-message.operation';
import { RemovePermissionOperation } from './remove-permission.operation';
import { SendMessageBatchOperation } from './send-message-batch.operation';
import { SendMessageOperation } from './send-message.operation';
import { SetQueueAttributesOperation } from './set-queue-attributes.operation';
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

/** Registers SQS with the process's AWS router: AWS JSON 1.0 (query-compatible) and query/XML. */
@Injectable()
export class SqsService implements OnModuleInit {
  constructor(
    private readonly router: AwsRouter,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.router.register({
      signingName: 'sqs',
      jsonTargetPrefix: 'AmazonSQS',
      jsonVersion: '1.0',
      errorNamespace: 'com.amazonaws.sqs',
      queryCompatible: true,
      xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
      operations: operationMap(SQS_OPERATIONS.map((op) => this.moduleRef.get(op))),
    });
  }
}
