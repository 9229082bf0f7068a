import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { duplicateConnection, REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';

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
export class MessageMoveJobs implements OnApplicationShutdown {
  private queue?: Queue<MessageMoveJob>;
  private connection?: RedisClient;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  private jobs(): Queue<MessageMoveJob> {
    if (!this.queue) {
      this.connection = duplicateConnection(this.redis, { forJobs: true });
      this.queue = new Queue<MessageMoveJob>(MESSAGE_MOVE_QUEUE, {
        connection: this.connection,
        prefix: this.keys.jobsPrefix,
      });
    }
    return this.queue;
  }

  async enqueue(job: MessageMoveJob): Promise<void> {
    await this.jobs().add('move', job, {
      jobId: job.taskId,
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: 100,
      removeOnFail: 100,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
