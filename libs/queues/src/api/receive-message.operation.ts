import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type OperationContext, type Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { DeadLetterMover } from '../domain/dead-letter.mover';
import { selectMessageAttributes } from '../domain/message-attributes';
import { md5OfMessageAttributes } from '../domain/message-digests';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueMetrics } from '../domain/queue-metrics';
import { SqsErrors } from '../errors/sqs-errors';
import { QUEUES_OPTIONS, type QueuesOptions } from '../queues.options';
import {
  isFifoQueue,
  type QueueRef,
  QueueStore,
  type ReceivedMessage,
  type ReceiveResult,
} from '../store/queue.store';
import { decodeMessage, systemAttributesOf } from '../store/stored-message';
import { LongPollWaiter } from './long-poll.waiter';
import { ReceiptHandles } from './receipt-handle';
import type { SqsOperation } from './sqs-operation';

const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
  'MessageGroupId',
  'MessageDeduplicationId',
  'SequenceNumber',
] as const;

/**
 * ReceiveMessage: hides up to 10 messages for the visibility timeout and returns them; with a wait
 * time it long-polls, returning as soon as a message arrives (woken through Redis pub/sub).
 *
 * A client that hangs up takes nothing: a long poll whose connection closed stops waiting without
 * receiving, and messages received for a client that is gone by the time they could be written are
 * handed back (the receive undone), so they neither wait out a visibility timeout nor count towards
 * maxReceiveCount for a consumer that never saw them.
 *
 * A queue never has more than the in-flight quota (`maxInFlight`, AWS's 120,000) received and not
 * deleted: as on AWS, a standard queue's short poll at the quota is refused with OverLimit, while a
 * long poll, or any receive from a FIFO queue, just gets no messages.
 */
@Injectable()
export class ReceiveMessageOperation implements SqsOperation<'ReceiveMessage'> {
  readonly name = 'ReceiveMessage';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly receipts: ReceiptHandles,
    private readonly waiter: LongPollWaiter,
    private readonly deadLetters: DeadLetterMover,
    private readonly clock: Clock,
    private readonly metrics: QueueMetrics,
    @Inject(QUEUES_OPTIONS) private readonly options: QueuesOptions,
  ) {}

  async handle(input: Sqs.ReceiveMessageRequest, ctx?: OperationContext) {
    const signal = ctx?.signal;
    const queue = this.directory.resolve(input.QueueUrl);
    // Nobody would read the answer: a receive now would only hide messages.
    if (signal?.aborted) return {};
    const max = input.MaxNumberOfMessages ?? 1;
    const waitMs = input.WaitTimeSeconds === undefined ? -1 : input.WaitTimeSeconds * 1000;
    const started = this.clock.now();
    let result = await this.receive(
      queue,
      max,
      input.VisibilityTimeout,
      waitMs,
      input.ReceiveRequestAttemptId,
    );
    const waitSeconds = input.WaitTimeSeconds ?? result.queueWaitSeconds;
    if (result.messages.length === 0 && waitSeconds > 0 && !this.waiter.isClosing) {
      result = await this.longPoll(
        queue,
        max,
        input.VisibilityTimeout,
        started + waitSeconds * 1000,
        result,
        signal,
      );
    }
    if (result.atInFlightLimit && waitSeconds === 0 && !isFifoQueue(queue)) {
      throw new AwsError(
        SqsErrors.OverLimit,
        `The queue has ${this.options.maxInFlight} messages in flight, the most it allows; delete messages or let their visibility timeouts end before receiving more.`,
      );
    }
    if (result.messages.length > 0 && signal?.aborted) {
      // The client left while the receive ran: nothing after this point can reach it (the answer is
      // written in the same turn of the event loop), so the receive is undone instead of answered.
      await this.store.undoReceive(queue, this.clock.now(), result.messages, input.ReceiveRequestAttemptId);
      return {};
    }
    this.metrics.messagesReceived(queue, result.messages.length);
    const systemNames = new Set([
      ...(input.AttributeNames ?? []),
      ...(input.MessageSystemAttributeNames ?? []),
    ]);
    const messages = result.messages.map((m) =>
      this.render(queue, m, systemNames, input.MessageAttributeNames),
    );
    return messages.length ? { Messages: messages } : {};
  }

  private async receive(
    queue: QueueRef,
    max: number,
    visibility: number | undefined,
    waitMs: number,
    attemptId?: string,
  ): Promise<ReceiveResult> {
    const result = await this.store.receive(
      queue,
      this.clock.now(),
      max,
      visibility,
      waitMs,
      attemptId,
      this.options.maxInFlight,
    );
    if (result.deadLettered > 0) await this.deadLetters.flush(queue);
    return result;
  }

  private async longPoll(
    queue: QueueRef,
    max: number,
    visibility: number | undefined,
    deadline: number,
    first: ReceiveResult,
    signal: AbortSignal | undefined,
  ): Promise<ReceiveResult> {
    const channel = this.store.queueKeys(queue).wakeChannel;
    await this.waiter.acquire(channel);
    try {
      let result = first;
      // Receive once more after subscribing: a send between the first receive and the subscription is not missed.
      for (let remaining = deadline - this.clock.now(); ; remaining = deadline - this.clock.now()) {
        // A poll whose client hung up never receives again: what it took would go to no one.
        if (signal?.aborted) return first;
        const mark = this.waiter.mark(channel);
        result = await this.receive(queue, max, visibility, Math.max(remaining, 0));
        if (result.messages.length > 0 || remaining <= 0 || this.waiter.isClosing) return result;
        const wakeAt =
          result.nextVisibleAt === undefined
            ? deadline
            : Math.min(deadline, this.clock.now() + Math.max(result.nextVisibleAt - this.clock.now(), 0));
        await this.waiter.sleep(channel, wakeAt, mark, signal);
      }
    } finally {
      this.waiter.release(channel);
    }
  }

  private render(
    queue: QueueRef,
    received: ReceivedMessage,
    systemNames: Set<string>,
    attributeNames: string[] | undefined,
  ): Sqs.Message {
    const stored = decodeMessage(received.encoded);
    const all = systemNames.has('All');
    const Attributes: Record<string, string> = {};
    if (systemNames.size > 0) {
      const system = systemAttributesOf(stored, received.receiveCount, received.firstReceivedAt);
      for (const name of SYSTEM_ATTRIBUTES) {
        const value = system[name];
        if (value !== undefined && (all || systemNames.has(name))) Attributes[name] = value;
      }
    }
    const MessageAttributes = selectMessageAttributes(stored.attributes, attributeNames);
    return {
      MessageId: received.id,
      ReceiptHandle: this.receipts.encode(queue, received, received.receivedAt),
      MD5OfBody: stored.md5OfBody,
      Body: stored.body,
      Attributes: Object.keys(Attributes).length ? Attributes : undefined,
      MD5OfMessageAttributes: md5OfMessageAttributes(MessageAttributes),
      MessageAttributes,
    };
  }
}
