import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { MoveTaskStore } from '../store/move-task.store';
import { QueueStore } from '../store/queue.store';
import { resourceNotFound } from './move-task-handle';
import type { SqsOperation } from './sqs-operation';

/** ListMessageMoveTasks: the most recent tasks of a source queue (1 by default, at most 10). */
@Injectable()
export class ListMessageMoveTasksOperation implements SqsOperation<'ListMessageMoveTasks'> {
  readonly name = 'ListMessageMoveTasks';

  constructor(
    private readonly store: QueueStore,
    private readonly tasks: MoveTaskStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: Sqs.ListMessageMoveTasksRequest) {
    const source = this.directory.fromArn(input.SourceArn);
    if (!source || !(await this.store.exists(source))) throw resourceNotFound('SourceArn');
    const tasks = await this.tasks.list(source, input.MaxResults ?? 1);
    return {
      Results: tasks.map((t) => ({
        TaskHandle: t.status === 'RUNNING' ? t.taskHandle : undefined,
        Status: t.status,
        SourceArn: t.sourceArn,
        DestinationArn: t.destinationArn,
        MaxNumberOfMessagesPerSecond: t.maxNumberOfMessagesPerSecond,
        ApproximateNumberOfMessagesMoved: t.approximateNumberOfMessagesMoved,
        ApproximateNumberOfMessagesToMove: t.approximateNumberOfMessagesToMove,
        FailureReason: t.failureReason,
        StartedTimestamp: t.startedTimestamp,
      })),
    };
  }
}
