import { Injectable } from '@nestjs/common';
import { AwsError, type Sqs } from '@switchyard/aws-wire';
import { QueueDirectory } from '../domain/queue-directory';
import { SqsErrors } from '../errors/sqs-errors';
import { MoveTaskStore } from '../store/move-task.store';
import { QueueStore } from '../store/queue.store';
import { decodeTaskHandle, resourceNotFound } from './move-task-handle';
import type { SqsOperation } from './sqs-operation';

/** CancelMessageMoveTask: stops a RUNNING task; messages already moved stay moved. */
@Injectable()
export class CancelMessageMoveTaskOperation implements SqsOperation<'CancelMessageMoveTask'> {
  readonly name = 'CancelMessageMoveTask';

  constructor(
    private readonly store: QueueStore,
    private readonly tasks: MoveTaskStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: Sqs.CancelMessageMoveTaskRequest) {
    const { taskId, sourceArn } = decodeTaskHandle(input.TaskHandle);
    const source = this.directory.fromArn(sourceArn);
    if (!source || !(await this.store.exists(source))) throw resourceNotFound('SourceArn');
    const task = await this.tasks.get(source, taskId);
    if (!task) throw new AwsError(SqsErrors.ResourceNotFoundException, 'Task does not exist.');
    if (!(await this.tasks.transition(source, taskId, 'CANCELLING', ['RUNNING']))) {
      throw new AwsError(
        SqsErrors.UnsupportedOperation,
        `Only a RUNNING task can be cancelled; this task is ${task.status}.`,
      );
    }
    return { ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved };
  }
}
