import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { duplicateConnection, REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import { QueueDirectory } from '../api/queue-directory';
import { Clock } from '../clock';
import { MoveTaskStore } from '../store/move-task.store';
import { type QueueRef, QueueStore } from '../store/queue.store';
import { decodeMessage, encodeMessage } from '../store/stored-message';
import { MESSAGE_MOVE_QUEUE, type MessageMoveJob } from './message-move.jobs';

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
export class MessageMoveWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(MessageMoveWorker.name);
  private worker?: Worker<MessageMoveJob>;
  private connection?: RedisClient;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly store: QueueStore,
    private readonly tasks: MoveTaskStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = duplicateConnection(this.redis, { forJobs: true });
    this.worker = new Worker<MessageMoveJob>(MESSAGE_MOVE_QUEUE, (job) => this.run(job.data), {
      connection: this.connection,
      prefix: this.keys.jobsPrefix,
      concurrency: 8,
      // A task whose executor died is picked up again within ~15 s instead of BullMQ's default ~60 s.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    this.worker.on('failed', (job: Job<MessageMoveJob> | undefined, err) => {
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
      const started = Date.now();
      const moved = await this.moveBatch(source, task.destinationArn, Math.min(10, rate));
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
      const due = (moved / rate) * 1000 - (Date.now() - started);
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
    const byDestination = new Map<string, { ref: QueueRef; items: typeof received.messages }>();
    for (const m of received.messages) {
      const arn = destinationArn ?? decodeMessage(m.encoded).deadLetterSourceArn;
      const ref = arn ? this.directory.fromArn(arn) : undefined;
      if (!ref || !arn) throw new Error(`message ${m.id} has no original source queue to move back to`);
      const entry = byDestination.get(arn) ?? { ref, items: [] };
      entry.items.push(m);
      byDestination.set(arn, entry);
    }
    const now = this.clock.now();
    for (const { ref, items } of byDestination.values()) {
      await this.store.send(
        ref,
        now,
        items.map((m) => {
          const {
            deadLetterSourceArn: _dropped,
            sequence: _renumbered,
            ...message
          } = decodeMessage(m.encoded);
          return {
            id: m.id,
            delaySeconds: 0,
            size: 0,
            sentAt: now,
            groupId: message.groupId,
            encoded: encodeMessage(message),
          };
        }),
        'move',
      );
    }
    await this.store.delete(source, received.messages);
    return received.messages.length;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
