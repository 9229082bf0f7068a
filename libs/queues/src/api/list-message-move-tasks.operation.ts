import { Injectable } from '@nestjs/common';
import { type AwsOperation, invalidParameter, missingParameter, s } from '@switchyard/aws-wire';
import { MoveTaskStore } from '../store/move-task.store';
import { QueueStore } from '../store/queue.store';
import { resourceNotFound } from './move-task-handle';
import { QueueDirectory } from './queue-directory';

/** ListMessageMoveTasks: the most recent tasks of a source queue (1 by default, at most 10). */
@Injectable()
export class ListMessageMoveTasksOperation implements AwsOperation<{
  SourceArn?: string;
  MaxResults?: number;
}> {
  readonly name = 'ListMessageMoveTasks';
  readonly input = s.struct({ SourceArn: 'string', MaxResults: 'integer' });
  readonly output = s.struct({
    Results: s.list(
      s.struct({
        TaskHandle: 'string',
        Status: 'string',
        SourceArn: 'string',
        DestinationArn: 'string',
        MaxNumberOfMessagesPerSecond: 'integer',
        ApproximateNumberOfMessagesMoved: 'long',
        ApproximateNumberOfMessagesToMove: 'long',
        FailureReason: 'string',
        StartedTimestamp: 'long',
      }),
      'ListMessageMoveTasksResultEntry',
    ),
  });

  constructor(
    private readonly store: QueueStore,
    private readonly tasks: MoveTaskStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: { SourceArn?: string; MaxResults?: number }) {
    if (!input.SourceArn) throw missingParameter('SourceArn');
    const max = input.MaxResults ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw invalidParameter(
        `Value ${max} for parameter MaxResults is invalid. Reason: Must be between 1 and 10.`,
      );
    }
    const source = this.directory.fromArn(input.SourceArn);
    if (!source || !(await this.store.exists(source))) throw resourceNotFound();
    const tasks = await this.tasks.list(source, max);
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
