import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { duplicateConnection, REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import { DeadLetterMover } from '../api/dead-letter.mover';
import { Clock } from '../clock';
import { QueueStore } from '../store/queue.store';

const JOB_QUEUE = 'queue-maintenance';
const SWEEP_EVERY_MS = 30_000;
const EXPIRE_BATCH = 1000;

/**
 * The periodic sweep over every queue: removes messages past their retention period and finishes
 * dead-letter moves a crashed gateway left half done. One BullMQ job scheduler, so replicas of the
 * executor share the work instead of repeating it.
 */
@Injectable()
export class QueueMaintenanceWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(QueueMaintenanceWorker.name);
  private queue?: Queue;
  private worker?: Worker;
  private connection?: RedisClient;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly store: QueueStore,
    private readonly deadLetters: DeadLetterMover,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = (this.connection = duplicateConnection(this.redis, { forJobs: true }));
    this.queue = new Queue(JOB_QUEUE, { connection, prefix: this.keys.jobsPrefix });
    await this.queue.upsertJobScheduler(
      'sweep',
      { every: SWEEP_EVERY_MS },
      { name: 'sweep', opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    this.worker = new Worker(JOB_QUEUE, () => this.sweep(), {
      connection,
      prefix: this.keys.jobsPrefix,
      concurrency: 1,
    });
    this.worker.on('failed', (_job, err) => this.log.warn(`queue sweep failed: ${err.message}`));
  }

  /** One pass over every queue; returns how many messages expired and how many were dead-lettered. */
  async sweep(): Promise<{ expired: number; deadLettered: number }> {
    let expired = 0;
    let deadLettered = 0;
    for await (const queue of this.store.allQueues()) {
      for (;;) {
        const n = await this.store.expire(queue, this.clock.now(), EXPIRE_BATCH);
        expired += n;
        if (n < EXPIRE_BATCH) break;
      }
      deadLettered += await this.deadLetters.flush(queue);
    }
    return { expired, deadLettered };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
