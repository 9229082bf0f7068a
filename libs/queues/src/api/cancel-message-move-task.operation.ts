import { Injectable } from '@nestjs/common';
import { AwsError, type AwsOperation, missingParameter, s } from '@switchyard/aws-wire';
import { SqsErrors } from '../errors/sqs-errors';
import { MoveTaskStore } from '../store/move-task.store';
import { decodeTaskHandle } from './move-task-handle';
import { QueueDirectory } from './queue-directory';

/** CancelMessageMoveTask: stops a RUNNING task; messages already moved stay moved. */
@Injectable()
export class CancelMessageMoveTaskOperation implements AwsOperation<{ TaskHandle?: string }> {
  readonly name = 'CancelMessageMoveTask';
  readonly input = s.struct({ TaskHandle: 'string' });
  readonly output = s.struct({ ApproximateNumberOfMessagesMoved: 'long' });

  constructor(
    private readonly tasks: MoveTaskStore,
    private readonly directory: QueueDirectory,
  ) {}

  async handle(input: { TaskHandle?: string }) {
    if (!input.TaskHandle) throw missingParameter('TaskHandle');
    const { taskId, sourceArn } = decodeTaskHandle(input.TaskHandle);
    const source = this.directory.fromArn(sourceArn);
    const task = source && (await this.tasks.get(source, taskId));
    if (!source || !task) throw new AwsError(SqsErrors.ResourceNotFoundException, 'Task does not exist.');
    if (!(await this.tasks.transition(source, taskId, 'CANCELLING', ['RUNNING']))) {
      throw new AwsError(
        SqsErrors.UnsupportedOperation,
        `Only a RUNNING task can be cancelled; this task is ${task.status}.`,
      );
    }
    return { ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved };
  }
}
