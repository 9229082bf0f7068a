import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AwsError, type AwsOperation, invalidParameter, missingParameter, s } from '@switchyard/aws-wire';
import { Clock } from '../clock';
import { SqsErrors } from '../errors/sqs-errors';
import { MoveTaskStore } from '../store/move-task.store';
import { QueueStore } from '../store/queue.store';
import { MessageMoveJobs } from '../worker/message-move.jobs';
import { encodeTaskHandle, resourceNotFound } from './move-task-handle';
import { QueueDirectory } from './queue-directory';

interface StartMessageMoveTaskInput {
  SourceArn?: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
}

/** StartMessageMoveTask: redrives a dead-letter queue to a destination or to each message's original queue. */
@Injectable()
export class StartMessageMoveTaskOperation implements AwsOperation<StartMessageMoveTaskInput> {
  readonly name = 'StartMessageMoveTask';
  readonly input = s.struct({
    SourceArn: 'string',
    DestinationArn: 'string',
    MaxNumberOfMessagesPerSecond: 'integer',
  });
  readonly output = s.struct({ TaskHandle: 'string' });

  constructor(
    private readonly store: QueueStore,
    private readonly tasks: MoveTaskStore,
    private readonly jobs: MessageMoveJobs,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: StartMessageMoveTaskInput) {
    if (!input.SourceArn) throw missingParameter('SourceArn');
    const rate = input.MaxNumberOfMessagesPerSecond;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
      throw invalidParameter(
        `Value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.`,
      );
    }
    const source = this.directory.fromArn(input.SourceArn);
    if (!source || !(await this.store.exists(source))) throw resourceNotFound();
    if ((await this.store.deadLetterSources(source)).length === 0) {
      throw new AwsError(
        SqsErrors.UnsupportedOperation,
        'Source queue must be configured as a Dead Letter Queue.',
      );
    }
    if (input.DestinationArn !== undefined) {
      const destination = this.directory.fromArn(input.DestinationArn);
      if (!destination || !(await this.store.exists(destination))) throw resourceNotFound();
      if (input.DestinationArn === input.SourceArn)
        throw invalidParameter('Source and destination queues must be different.');
    }
    const snapshot = await this.directory.call(() => this.store.snapshot(source, this.clock.now()));
    const taskId = randomUUID();
    const taskHandle = encodeTaskHandle(taskId, input.SourceArn);
    const started = await this.tasks.start(source, {
      taskId,
      taskHandle,
      sourceArn: input.SourceArn,
      destinationArn: input.DestinationArn,
      maxNumberOfMessagesPerSecond: rate,
      approximateNumberOfMessagesToMove: snapshot.visible,
      startedTimestamp: this.clock.now(),
    });
    if (!started) {
      throw new AwsError(
        SqsErrors.UnsupportedOperation,
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    await this.jobs.enqueue({ accountId: source.accountId, queueName: source.name, taskId });
    return { TaskHandle: taskHandle };
  }
}
