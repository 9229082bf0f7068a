import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { type PeekedState, type QueueRef, QueueStore } from '../store/queue.store';
import { decodeMessage, systemAttributesOf } from '../store/stored-message';

/** A queue's counters as GetQueueAttributes reads them, and the age of its oldest message. */
export interface QueueCounts {
  readonly visible: number;
  readonly notVisible: number;
  readonly delayed: number;
  /** Seconds; 0 when the queue is empty. */
  readonly oldestAgeSeconds: number;
}

/** A message as the console shows it: read, never received. */
export interface InspectedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly state: PeekedState;
  readonly receiveCount: number;
  /** ms */
  readonly sentTimestamp: number;
  /** System attributes by the names ReceiveMessage gives them. */
  readonly attributes: Record<string, string>;
  /** User attributes as the JSON protocol's ReceiveMessage answers them. */
  readonly messageAttributes: Record<string, Sqs.MessageAttributeValue>;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

/** What a peek answers: the messages, how many were examined, and whether others were left unexamined. */
export interface InspectedMessages {
  readonly messages: InspectedMessage[];
  readonly scanned: number;
  readonly truncated: boolean;
}

/** Messages a peek examines at most; a larger queue is read in part, and says so. */
export const MAX_PEEK_EXAMINED = 1000;

/**
 * Reads queues without changing them: the counters `/metrics` and the console show (the Lua step
 * GetQueueAttributes runs, and the oldest message's `sentAt`), and messages peeked at without a
 * receive (no receive counted, no visibility changed, so looking never moves a message to a
 * dead-letter queue).
 */
@Injectable()
export class QueueInspection {
  constructor(private readonly store: QueueStore) {}

  /** A queue's counters; undefined for a queue that does not exist (deleted since it was listed). */
  async counts(queue: QueueRef, now: number): Promise<QueueCounts | undefined> {
    try {
      const [snapshot, oldest] = await Promise.all([
        this.store.snapshot(queue, now),
        this.store.oldestSentAt(queue),
      ]);
      return {
        visible: snapshot.visible,
        notVisible: snapshot.notVisible,
        delayed: snapshot.delayed,
        oldestAgeSeconds: oldest === undefined ? 0 : Math.max(0, Math.floor((now - oldest) / 1000)),
      };
    } catch (e) {
      if (e instanceof StoreError && e.code === 'NOT_FOUND') return undefined;
      throw e;
    }
  }

  /** Every queue of an account in name order, at most `max`. */
  async queueNames(accountId: string, max: number): Promise<string[]> {
    const names: string[] = [];
    let after: string | undefined;
    while (names.length < max) {
      const page = await this.store.listQueueNames(accountId, '', after, Math.min(500, max - names.length));
      names.push(...page);
      if (page.length === 0) break;
      after = page[page.length - 1];
    }
    return names;
  }

  /**
   * Messages oldest first, read without a side effect; with `search`, the message whose id it is and
   * those whose body contains it (case-sensitive). StoreError NOT_FOUND for a queue that does not exist.
   */
  async peek(
    queue: QueueRef,
    now: number,
    options: { readonly limit: number; readonly search?: string },
  ): Promise<InspectedMessages> {
    const result = await this.store.peek(queue, now, {
      maxExamined: MAX_PEEK_EXAMINED,
      limit: options.limit,
      search: options.search,
    });
    const messages = result.messages.map((m): InspectedMessage => {
      const stored = decodeMessage(m.encoded);
      const attributes: Record<string, string> = {};
      for (const [name, value] of Object.entries(
        systemAttributesOf(stored, m.receiveCount, m.firstReceivedAt),
      ))
        if (value !== undefined) attributes[name] = value;
      return {
        messageId: m.id,
        body: stored.body,
        state: m.state,
        receiveCount: m.receiveCount,
        sentTimestamp: stored.sentAt,
        attributes,
        messageAttributes: stored.attributes ?? {},
        ...(stored.groupId !== undefined ? { groupId: stored.groupId } : {}),
        ...(stored.deduplicationId !== undefined ? { deduplicationId: stored.deduplicationId } : {}),
      };
    });
    return { messages, scanned: result.examined, truncated: result.truncated };
  }
}
