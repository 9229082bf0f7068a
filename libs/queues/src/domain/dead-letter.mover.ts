import { Injectable, Logger } from '@nestjs/common';
import { type QueueRef, QueueStore } from '../store/queue.store';
import { decodeMessage } from '../store/stored-message';
import { QueueDirectory } from './queue-directory';
import { QueueSender } from './queue-sender';

/**
 * The second half of a redrive: a receive moves messages past maxReceiveCount into the source queue's
 * outbox atomically; this stores them in the dead-letter queue, then forgets them at the source. The
 * DLQ store is idempotent by message id, so a crash between the two steps only repeats the first.
 */
@Injectable()
export class DeadLetterMover {
  private readonly log = new Logger(DeadLetterMover.name);

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly sender: QueueSender,
  ) {}

  /** Moves everything in the source queue's outbox; returns how many messages moved. */
  async flush(source: QueueRef): Promise<number> {
    let moved = 0;
    for (;;) {
      const pending = await this.store.pendingDeadLetters(source, 10);
      if (pending.length === 0) return moved;
      const attributes = await this.store.attributes(source);
      const target = attributes?._deadLetterTarget
        ? this.directory.fromStoredRef(attributes._deadLetterTarget)
        : undefined;
      if (!target) {
        this.log.warn(
          `queue ${source.name} has messages for a dead-letter queue but no RedrivePolicy; they stay hidden`,
        );
        return moved;
      }
      const sourceArn = this.directory.arn(source);
      try {
        await this.sender.move(
          target,
          pending.map(({ id, encoded }) => {
            // The dead-letter queue numbers a FIFO message anew; it keeps its enqueue time.
            const { sequence: _renumbered, ...message } = decodeMessage(encoded);
            return { id, sentAt: message.sentAt, message: { ...message, deadLetterSourceArn: sourceArn } };
          }),
        );
      } catch (e) {
        this.log.warn(
          `dead-letter queue ${target.name} of ${source.name} is unavailable: ${(e as Error).message}`,
        );
        return moved;
      }
      await this.store.finishDeadLetters(
        source,
        pending.map((p) => p.id),
      );
      moved += pending.length;
    }
  }
}
