import { Injectable } from '@nestjs/common';
import { JobQueues } from '@switchyard/jobs';
import { QUEUES_JOBS } from './jobs-feature';

/** The BullMQ queue that carries message-move tasks from the gateways to the executors. */
export const MESSAGE_MOVE_QUEUE = 'message-move';

/** What a message-move job names: the task and its source queue. */
export interface MessageMoveJob {
  readonly accountId: string;
  readonly queueName: string;
  readonly taskId: string;
}

/** Enqueues message-move tasks; the job id is the task id, so a repeated enqueue is harmless. */
@Injectable()
export class MessageMoveJobs {
  constructor(private readonly jobs: JobQueues) {}

  async enqueue(job: MessageMoveJob): Promise<void> {
    await this.jobs.queue<MessageMoveJob>(QUEUES_JOBS, MESSAGE_MOVE_QUEUE).add('move', job, {
      jobId: job.taskId,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: 100,
      removeOnFail: 100,
    });
  }
}
