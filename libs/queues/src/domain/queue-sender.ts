import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { StoreError } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';
import { isFifoQueue, QUEUE, type QueueRef, QueueStore } from '../store/queue.store';
import { encodeMessage, type StoredMessage } from '../store/stored-message';
import { InvalidMessage } from './invalid-message';
import { type MessageToSend, type PreparedMessage, prepareMessage, sentMessage } from './outgoing-message';
import { QueueDirectory } from './queue-directory';
import { QueueMetrics } from './queue-metrics';

/** What a send answers per message: what SendMessage reports, or why SQS refused the message. */
export type SendResult = Sqs.SendMessageResult | InvalidMessage;

/** A message moving between queues (a redrive, a move task): its id and stored form are kept. */
export interface MovedMessage {
  readonly id: string;
  readonly message: StoredMessage;
  /** The enqueue time it keeps; now when absent. */
  readonly sentAt?: number;
}

/**
 * Sends made at one moment by one sender, sharing their preparation: a message object sent to
 * several queues (a topic's fan-out) is checked, digested and encoded once, and each queue's copy
 * gets an id of its own. Every message sent in a round is sent at its `now`.
 */
export class SendRound {
  /** Prepared messages by the object sent, for standard queues [0] and FIFO queues [1]. */
  private readonly prepared = [
    new Map<MessageToSend, PreparedMessage | InvalidMessage>(),
    new Map<MessageToSend, PreparedMessage | InvalidMessage>(),
  ];

  constructor(
    readonly senderId: string,
    readonly now: number,
  ) {}

  /** `message` prepared for a queue of the kind `fifo` says, by `prepare` the first time. */
  preparedOnce(
    message: MessageToSend,
    fifo: boolean,
    prepare: () => PreparedMessage | InvalidMessage,
  ): PreparedMessage | InvalidMessage {
    const known = this.prepared[fifo ? 1 : 0];
    const earlier = known.get(message);
    if (earlier === undefined) {
      const first = prepare();
      known.set(message, first);
      return first;
    }
    if (earlier instanceof InvalidMessage) return earlier;
    return { ...earlier, outgoing: { ...earlier.outgoing, id: randomUUID() } };
  }
}

/**
 * Sends into queues from inside Switchyard: the SendMessage API, dead-lettering and message-move
 * tasks today, topic deliveries and workflow tasks next. A send is one atomic store step per queue;
 * a missing queue is a StoreError (NOT_FOUND), a message SQS would refuse an InvalidMessage.
 */
@Injectable()
export class QueueSender {
  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
    private readonly metrics: QueueMetrics,
  ) {}

  /** A round of sends by `senderId` starting now, to share the preparation of messages between them. */
  round(senderId: string): SendRound {
    return new SendRound(senderId, this.clock.now());
  }

  /**
   * Sends messages to the queue an ARN names, as SendMessageBatch would (without its entry limits):
   * by `from`, a sender id, or in a round of sends.
   */
  async send(
    queueArn: string,
    messages: readonly MessageToSend[],
    from: string | SendRound,
  ): Promise<SendResult[]> {
    const queue = this.directory.fromArn(queueArn);
    if (!queue) throw new StoreError(QUEUE, 'NOT_FOUND', queueArn);
    const round = typeof from === 'string' ? this.round(from) : from;
    const fifo = isFifoQueue(queue);
    const prepared = messages.map((m) =>
      round.preparedOnce(m, fifo, () => prepareOrRefuse(m, round.senderId, round.now, fifo)),
    );
    const accepted = prepared.filter((p): p is PreparedMessage => !(p instanceof InvalidMessage));
    const committed = await this.commit(queue, accepted, round.now);
    let next = 0;
    return prepared.map((p) => (p instanceof InvalidMessage ? p : committed[next++]));
  }

  /** Checks and encodes messages for `queue`; a message SQS would refuse is an InvalidMessage instead. */
  prepare(
    queue: QueueRef,
    messages: readonly MessageToSend[],
    senderId: string,
    now: number,
  ): (PreparedMessage | InvalidMessage)[] {
    const fifo = isFifoQueue(queue);
    return messages.map((message) => prepareOrRefuse(message, senderId, now, fifo));
  }

  /**
   * Stores prepared messages in one atomic step; answers per message, in order, with the batch
   * entry's Id first when `entryIds` are given.
   */
  async commit(
    queue: QueueRef,
    prepared: readonly PreparedMessage[],
    now: number,
    entryIds?: readonly string[],
  ): Promise<SendResult[]> {
    if (prepared.length === 0) return [];
    const { outcomes, maxSize } = await this.store.send(
      queue,
      now,
      prepared.map((p) => p.outgoing),
    );
    this.metrics.messagesSent(queue, outcomes.filter((o) => o.status === 'stored').length);
    return outcomes.map((outcome, i) => {
      try {
        return entryIds
          ? sentMessage(prepared[i], outcome, maxSize, entryIds[i])
          : sentMessage(prepared[i], outcome, maxSize);
      } catch (e) {
        if (e instanceof InvalidMessage) return e;
        throw e;
      }
    });
  }

  /** Re-homes accepted messages in one atomic step: ids and bodies kept, no de-duplication. */
  async move(target: QueueRef, messages: readonly MovedMessage[]): Promise<void> {
    await this.store.send(
      target,
      this.clock.now(),
      messages.map(({ id, message, sentAt }) => ({
        id,
        delaySeconds: 0,
        size: 0,
        sentAt,
        groupId: message.groupId,
        encoded: encodeMessage(message),
      })),
      'move',
    );
  }
}

/** prepareMessage, with what SQS would refuse as the InvalidMessage rather than thrown. */
function prepareOrRefuse(
  message: MessageToSend,
  senderId: string,
  now: number,
  fifo: boolean,
): PreparedMessage | InvalidMessage {
  try {
    return prepareMessage(message, senderId, now, fifo);
  } catch (e) {
    if (e instanceof InvalidMessage) return e;
    throw e;
  }
}
