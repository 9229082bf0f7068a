import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobQueues } from '@switchyard/jobs';
import { Clock, Metrics } from '@switchyard/runtime';
import { DeadLetterMover } from '../domain/dead-letter.mover';
import { QueueStore } from '../store/queue.store';
import { QUEUES_JOBS } from '../domain/jobs-feature';

const JOB_QUEUE = 'queue-maintenance';
const SWEEP_EVERY_MS = 30_000;
const EXPIRE_BATCH = 1000;

/**
 * The periodic sweep over every queue: removes messages past their retention period and finishes
 * dead-letter moves a crashed gateway left half done. One BullMQ job scheduler, so replicas of the
 * executor share the work instead of repeating it.
 */
@Injectable()
export class QueueMaintenanceWorker implements OnApplicationBootstrap {
  private readonly log = new Logger(QueueMaintenanceWorker.name);

  constructor(
    private readonly jobs: JobQueues,
    private readonly store: QueueStore,
    private readonly deadLetters: DeadLetterMover,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .queue(QUEUES_JOBS, JOB_QUEUE)
      .upsertJobScheduler(
        'sweep',
        { every: SWEEP_EVERY_MS },
        { name: 'sweep', opts: { removeOnComplete: true, removeOnFail: 100 } },
      );
    const worker = this.jobs.worker(QUEUES_JOBS, JOB_QUEUE, () => this.sweep(), { concurrency: 1 });
    worker.on('failed', (_job, err) => this.log.warn(`queue sweep failed: ${err.message}`));
    this.metrics.backlog('jobs', () => this.jobs.backlog(QUEUES_JOBS, JOB_QUEUE, this.clock.now()));
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
}
