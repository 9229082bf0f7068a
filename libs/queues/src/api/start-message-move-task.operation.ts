import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { invalidParameter, type Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { MessageMoveJobs } from '../domain/message-move.jobs';
import { QueueDirectory } from '../domain/queue-directory';
import { MoveTaskStore } from '../store/move-task.store';
import { QueueStore } from '../store/queue.store';
import { encodeTaskHandle, resourceNotFound } from './move-task-handle';
import type { SqsOperation } from './sqs-operation';

/** StartMessageMoveTask: redrives a dead-letter queue to a destination or to each message's original queue. */
@Injectable()
export class StartMessageMoveTaskOperation implements SqsOperation<'StartMessageMoveTask'> {
  readonly name = 'StartMessageMoveTask';

  constructor(
    private readonly store: QueueStore,
    private readonly tasks: MoveTaskStore,
    private readonly jobs: MessageMoveJobs,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.StartMessageMoveTaskRequest) {
    const source = this.directory.fromArn(input.SourceArn);
    if (!source || !(await this.store.exists(source))) throw resourceNotFound('SourceArn');
    if ((await this.store.deadLetterSources(source)).length === 0) {
      throw invalidParameter('Source queue must be configured as a Dead Letter Queue.');
    }
    if (input.DestinationArn !== undefined) {
      const destination = this.directory.fromArn(input.DestinationArn);
      if (!destination || !(await this.store.exists(destination))) throw resourceNotFound('DestinationArn');
      if (input.DestinationArn === input.SourceArn) {
        throw invalidParameter('Source and destination queues must be different.');
      }
    }
    const now = this.clock.now();
    const snapshot = await this.store.snapshot(source, now);
    const taskId = randomUUID();
    const taskHandle = encodeTaskHandle(taskId, input.SourceArn);
    const started = await this.tasks.start(source, {
      taskId,
      taskHandle,
      sourceArn: input.SourceArn,
      destinationArn: input.DestinationArn,
      maxNumberOfMessagesPerSecond: input.MaxNumberOfMessagesPerSecond,
      approximateNumberOfMessagesToMove: snapshot.visible,
      startedTimestamp: now,
    });
    if (!started) {
      throw invalidParameter(
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    await this.jobs.enqueue({ accountId: source.accountId, queueName: source.name, taskId });
    return { TaskHandle: taskHandle };
  }
}
