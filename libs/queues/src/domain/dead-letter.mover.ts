import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../clock';
import { type QueueRef, QueueStore } from '../store/queue.store';
import { decodeMessage, encodeMessage } from '../store/stored-message';
import { QueueDirectory } from './queue-directory';

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
    private readonly clock: Clock,
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
        await this.store.send(
          target,
          this.clock.now(),
          pending.map(({ id, encoded }) => {
            const message = decodeMessage(encoded);
            const { sequence: _renumbered, ...kept } = message;
            return {
              id,
              delaySeconds: 0,
              size: 0,
              sentAt: message.sentAt,
              groupId: message.groupId,
              encoded: encodeMessage({ ...kept, deadLetterSourceArn: sourceArn }),
            };
          }),
          'move',
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
