import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobQueues } from '@switchyard/jobs';
import { StoreError } from '@switchyard/redis';
import { Clock, Metrics } from '@switchyard/runtime';
import { QUEUES_JOBS } from '../domain/jobs-feature';
import { MESSAGE_MOVE_QUEUE, type MessageMoveJob } from '../domain/message-move.jobs';
import { QueueDirectory } from '../domain/queue-directory';
import { type MovedMessage, QueueSender } from '../domain/queue-sender';
import { mapSqsError } from '../errors/sqs-errors';
import { MoveTaskStore } from '../store/move-task.store';
import { QUEUE, type QueueRef, QueueStore } from '../store/queue.store';
import { decodeMessage } from '../store/stored-message';

/** How long a message being moved stays hidden in the source; a crash mid-batch releases it after this. */
const MOVE_VISIBILITY_SECONDS = 15;
/** Rate when the task names none ("system optimised"). */
const DEFAULT_RATE = 500;

/**
 * Runs message-move tasks (DLQ redrive): moves batches from the source to the destination (or to each
 * message's original queue) at most MaxNumberOfMessagesPerSecond, stopping when the source is empty or
 * the task is cancelled. BullMQ re-runs a task whose executor died, so tasks resume after a restart.
 */
@Injectable()
export class MessageMoveWorker implements OnApplicationBootstrap {
  private readonly log = new Logger(MessageMoveWorker.name);

  constructor(
    private readonly jobs: JobQueues,
    private readonly store: QueueStore,
    private readonly tasks: MoveTaskStore,
    private readonly directory: QueueDirectory,
    private readonly sender: QueueSender,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.backlog('jobs', () => this.jobs.backlog(QUEUES_JOBS, MESSAGE_MOVE_QUEUE, this.clock.now()));
    const worker = this.jobs.worker<MessageMoveJob>(
      QUEUES_JOBS,
      MESSAGE_MOVE_QUEUE,
      (job) => this.run(job.data),
      { concurrency: 8 },
    );
    worker.on('failed', (job: Job<MessageMoveJob> | undefined, err) => {
      if (!job) return;
      this.log.warn(
        `message-move task ${job.data.taskId} attempt ${job.attemptsMade} failed: ${err.message}`,
      );
      if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
        const source = { accountId: job.data.accountId, name: job.data.queueName };
        void this.tasks.transition(source, job.data.taskId, 'FAILED', ['RUNNING', 'CANCELLING'], err.message);
      }
    });
  }

  /** Moves messages until the source is empty or the task is cancelled. */
  async run(job: MessageMoveJob): Promise<void> {
    const source: QueueRef = { accountId: job.accountId, name: job.queueName };
    let waitedForHidden = false;
    for (;;) {
      const task = await this.tasks.get(source, job.taskId);
      if (!task) return;
      if (task.status === 'CANCELLING') {
        await this.tasks.transition(source, job.taskId, 'CANCELLED', ['CANCELLING']);
        return;
      }
      if (task.status !== 'RUNNING') return;
      const rate = task.maxNumberOfMessagesPerSecond ?? DEFAULT_RATE;
      const started = this.clock.now();
      let moved: number;
      try {
        moved = await this.moveBatch(source, task.destinationArn, Math.min(10, rate));
      } catch (e) {
        // A destination queue deleted while the task runs is final, not worth retrying: the task fails
        // as AWS's does, with the queue error's code as its reason; messages moved so far stay moved.
        if (!(e instanceof StoreError && e.entity === QUEUE && e.code === 'NOT_FOUND')) throw e;
        const reason = mapSqsError(e)?.shape.queryCode ?? e.message;
        await this.tasks.transition(source, job.taskId, 'FAILED', ['RUNNING', 'CANCELLING'], reason);
        return;
      }
      if (moved === 0) {
        // Messages hidden by a batch of an executor that died come back within MOVE_VISIBILITY_SECONDS:
        // wait for them once before calling the task complete.
        if (!waitedForHidden && (await this.store.snapshot(source, this.clock.now())).notVisible > 0) {
          waitedForHidden = true;
          await new Promise((r) => setTimeout(r, MOVE_VISIBILITY_SECONDS * 1000));
          continue;
        }
        await this.tasks.transition(source, job.taskId, 'COMPLETED', ['RUNNING']);
        return;
      }
      await this.tasks.addMoved(source, job.taskId, moved);
      const due = (moved / rate) * 1000 - (this.clock.now() - started);
      if (due > 0) await new Promise((r) => setTimeout(r, due));
    }
  }

  private async moveBatch(
    source: QueueRef,
    destinationArn: string | undefined,
    max: number,
  ): Promise<number> {
    const received = await this.store.receive(source, this.clock.now(), max, MOVE_VISIBILITY_SECONDS, 0);
    if (received.messages.length === 0) return 0;
    // Each message goes to the destination, or back to the queue it was dead-lettered from, as a new
    // enqueue (sent now, numbered anew in a FIFO queue).
    const now = this.clock.now();
    const byDestination = new Map<string, { ref: QueueRef; moved: MovedMessage[] }>();
    for (const m of received.messages) {
      const { deadLetterSourceArn, sequence: _renumbered, ...message } = decodeMessage(m.encoded);
      const arn = destinationArn ?? deadLetterSourceArn;
      const ref = arn ? this.directory.fromArn(arn) : undefined;
      if (!ref || !arn) throw new Error(`message ${m.id} has no original source queue to move back to`);
      const entry = byDestination.get(arn) ?? { ref, moved: [] };
      entry.moved.push({ id: m.id, sentAt: now, message });
      byDestination.set(arn, entry);
    }
    for (const { ref, moved } of byDestination.values()) await this.sender.move(ref, moved);
    await this.store.delete(source, received.messages);
    return received.messages.length;
  }
}
