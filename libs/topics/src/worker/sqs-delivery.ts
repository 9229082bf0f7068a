import { Inject, Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { InvalidMessage, type MessageToSend, QUEUE, QueueSender } from '@switchyard/queues';
import { StoreError } from '@switchyard/redis';
import { MessageSigner } from '../domain/message-signer';
import { formatEnvelope, messageFor, notificationEnvelope } from '../domain/notification';
import type { PublishedMessage } from '../domain/published-message';
import type { StoredSubscription, SubscriptionRef } from '../domain/subscription';
import { TopicMetrics } from '../domain/topic-metrics';
import { isFifoTopic } from '../domain/topic-ref';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import { DeadLetters, SNS_SENDER_ID } from './dead-letters';

/** The most message attributes an SQS message carries; a raw delivery with more cannot be made. */
const MAX_SQS_ATTRIBUTES = 10;

/** One message for one SQS subscription. */
export interface SqsDelivery {
  readonly ref: SubscriptionRef;
  readonly subscription: StoredSubscription;
  readonly message: PublishedMessage;
  /** The topic's SignatureVersion. */
  readonly signatureVersion: '1' | '2';
}

/**
 * Delivers into Switchyard queues through the queue service in-process (no HTTP hop), one atomic
 * send per queue for all the messages bound to it. A delivery the queue refuses, or to a queue that
 * is gone, is a client-side failure: it goes to the subscription's dead-letter queue, or is dropped
 * and counted. Anything else (Redis out of reach) is thrown, so the messages are delivered again.
 */
@Injectable()
export class SqsDeliverer {
  constructor(
    private readonly sender: QueueSender,
    private readonly signer: MessageSigner,
    private readonly deadLetters: DeadLetters,
    private readonly metrics: TopicMetrics,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  async deliver(deliveries: readonly SqsDelivery[]): Promise<void> {
    const byQueue = new Map<string, SqsDelivery[]>();
    for (const d of deliveries) {
      const list = byQueue.get(d.subscription.endpoint);
      if (list) list.push(d);
      else byQueue.set(d.subscription.endpoint, [d]);
    }
    // What SNS signs does not name the subscription: one signature serves every queue of a message.
    const signatures = new Map<string, Promise<string>>();
    await Promise.all(
      [...byQueue].map(([queueArn, list]) => this.deliverToQueue(queueArn, list, signatures)),
    );
  }

  private async deliverToQueue(
    queueArn: string,
    deliveries: readonly SqsDelivery[],
    signatures: Map<string, Promise<string>>,
  ): Promise<void> {
    const fifoQueue = queueArn.endsWith('.fifo');
    const messages: (MessageToSend | InvalidMessage)[] = await Promise.all(
      deliveries.map((d) => this.sqsMessage(d, fifoQueue, signatures)),
    );
    const sendable = messages.filter((m): m is MessageToSend => !(m instanceof InvalidMessage));
    let results: (Sqs.SendMessageResult | InvalidMessage)[];
    try {
      results = await this.sender.send(queueArn, sendable, SNS_SENDER_ID);
    } catch (e) {
      if (e instanceof StoreError && e.entity === QUEUE && e.code === 'NOT_FOUND') {
        await Promise.all(deliveries.map((d, i) => this.failed(d, messages[i], 'the queue does not exist')));
        return;
      }
      throw e;
    }
    let next = 0;
    await Promise.all(
      messages.map((m, i) => {
        const outcome = m instanceof InvalidMessage ? m : results[next++];
        if (!(outcome instanceof InvalidMessage))
          this.metrics.notificationsDelivered(deliveries[i].ref.topic, 1);
        return outcome instanceof InvalidMessage ? this.failed(deliveries[i], m, outcome.message) : undefined;
      }),
    );
  }

  /** The SQS message for a delivery: the envelope, or the bare message and its attributes when raw. */
  private async sqsMessage(
    d: SqsDelivery,
    fifoQueue: boolean,
    signatures: Map<string, Promise<string>>,
  ): Promise<MessageToSend | InvalidMessage> {
    const { message, subscription, ref } = d;
    const fifoTopic = isFifoTopic(ref.topic);
    const ordering: Partial<MessageToSend> = fifoQueue
      ? { MessageGroupId: message.groupId, MessageDeduplicationId: message.deduplicationId ?? message.id }
      : !fifoTopic && message.groupId !== undefined
        ? { MessageGroupId: message.groupId }
        : {};
    if (subscription.attributes.RawMessageDelivery === 'true') {
      const names = Object.keys(message.attributes);
      if (names.length > MAX_SQS_ATTRIBUTES)
        return new InvalidMessage(
          'InvalidParameterValue',
          `a raw delivery carries at most ${MAX_SQS_ATTRIBUTES} message attributes, the message has ${names.length}`,
        );
      const attributes: Record<string, Sqs.MessageAttributeValue> = {};
      for (const [name, a] of Object.entries(message.attributes)) {
        attributes[name] = a.Type.startsWith('Binary')
          ? { DataType: a.Type, BinaryValue: a.Value }
          : { DataType: a.Type.startsWith('String.Array') ? 'String' : a.Type, StringValue: a.Value };
      }
      return {
        MessageBody: messageFor(message, 'sqs'),
        ...(names.length ? { MessageAttributes: attributes } : {}),
        ...ordering,
      };
    }
    const version = d.signatureVersion;
    const envelope = notificationEnvelope(ref, 'sqs', message, this.options.publicUrl);
    if (fifoTopic) return { MessageBody: formatEnvelope(envelope), ...ordering };
    let signature = signatures.get(message.id);
    if (!signature) {
      signature = this.signer.sign(envelope, version);
      signatures.set(message.id, signature);
    }
    const signed = notificationEnvelope(ref, 'sqs', message, this.options.publicUrl, {
      version,
      value: await signature,
      certUrl: this.signer.signingCertUrl,
    });
    return { MessageBody: formatEnvelope(signed), ...ordering };
  }

  /** A client-side failure: to the subscription's dead-letter queue, or dropped. */
  private failed(d: SqsDelivery, message: MessageToSend | InvalidMessage, reason: string): Promise<void> {
    return this.deadLetters.handle(
      d.ref,
      d.subscription,
      message instanceof InvalidMessage ? undefined : message,
      `message ${d.message.id}`,
      reason,
    );
  }
}
