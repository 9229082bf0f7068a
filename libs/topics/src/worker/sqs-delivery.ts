import { Inject, Injectable } from '@nestjs/common';
import type { Sqs } from '@switchyard/aws-wire';
import { InvalidMessage, type MessageToSend, QUEUE, QueueSender, type SendRound } from '@switchyard/queues';
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

/** What the deliveries of one fan-out share. */
interface SharedWork {
  /** Signatures by message id, of the messages delivered in a signed envelope. */
  readonly signatures: ReadonlyMap<string, string>;
  /** Raw deliveries by message id, after F or S for the kind of queue. */
  readonly raw: Map<string, MessageToSend | InvalidMessage>;
  readonly round: SendRound;
}

/** Whether a delivery is the envelope with a signature: not raw, and from a standard topic. */
function isSigned(d: SqsDelivery): boolean {
  return d.subscription.attributes.RawMessageDelivery !== 'true' && !isFifoTopic(d.ref.topic);
}

/** The ordering fields a delivery carries into a queue of the given kind. */
function ordering(message: PublishedMessage, fifoQueue: boolean, fifoTopic: boolean): Partial<MessageToSend> {
  if (fifoQueue)
    return { MessageGroupId: message.groupId, MessageDeduplicationId: message.deduplicationId ?? message.id };
  return !fifoTopic && message.groupId !== undefined ? { MessageGroupId: message.groupId } : {};
}

/** A raw delivery: the bare message with its attributes as SQS message attributes. */
function rawMessage(
  message: PublishedMessage,
  sequencing: Partial<MessageToSend>,
): MessageToSend | InvalidMessage {
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
    ...sequencing,
  };
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

  /** Delivers one topic's messages to its SQS subscriptions. */
  async deliver(deliveries: readonly SqsDelivery[]): Promise<void> {
    const byQueue = new Map<string, SqsDelivery[]>();
    for (const d of deliveries) {
      const list = byQueue.get(d.subscription.endpoint);
      if (list) list.push(d);
      else byQueue.set(d.subscription.endpoint, [d]);
    }
    const shared: SharedWork = {
      signatures: await this.signatures(deliveries),
      // A raw delivery does not name the subscription: one SQS message (checked and encoded once)
      // serves every queue of a kind.
      raw: new Map(),
      round: this.sender.round(SNS_SENDER_ID),
    };
    await Promise.all([...byQueue].map(([queueArn, list]) => this.deliverToQueue(queueArn, list, shared)));
  }

  /**
   * The signature of each message some delivery sends in a signed envelope. What SNS signs does not
   * name the subscription: one signature serves every queue.
   */
  private async signatures(deliveries: readonly SqsDelivery[]): Promise<Map<string, string>> {
    const pending = new Map<string, Promise<string>>();
    for (const d of deliveries) {
      if (!isSigned(d) || pending.has(d.message.id)) continue;
      const envelope = notificationEnvelope(d.ref, 'sqs', d.message, this.options.publicUrl);
      pending.set(d.message.id, this.signer.sign(envelope, d.signatureVersion));
    }
    const signatures = new Map<string, string>();
    for (const [id, signature] of pending) signatures.set(id, await signature);
    return signatures;
  }

  private async deliverToQueue(
    queueArn: string,
    deliveries: readonly SqsDelivery[],
    shared: SharedWork,
  ): Promise<void> {
    const fifoQueue = queueArn.endsWith('.fifo');
    const messages = deliveries.map((d) => this.sqsMessage(d, fifoQueue, shared));
    const sendable = messages.filter((m): m is MessageToSend => !(m instanceof InvalidMessage));
    let results: (Sqs.SendMessageResult | InvalidMessage)[];
    try {
      results = await this.sender.send(queueArn, sendable, shared.round);
    } catch (e) {
      if (e instanceof StoreError && e.entity === QUEUE && e.code === 'NOT_FOUND') {
        await Promise.all(deliveries.map((d, i) => this.failed(d, messages[i], 'the queue does not exist')));
        return;
      }
      throw e;
    }
    let next = 0;
    let delivered = 0;
    const failures: Promise<void>[] = [];
    messages.forEach((m, i) => {
      const outcome = m instanceof InvalidMessage ? m : results[next++];
      if (outcome instanceof InvalidMessage) failures.push(this.failed(deliveries[i], m, outcome.message));
      else delivered++;
    });
    await Promise.all(failures);
    // One queue's deliveries all come from one topic (a fan-out delivers one topic at a time).
    if (delivered > 0) this.metrics.notificationsDelivered(deliveries[0].ref.topic, delivered);
  }

  /** The SQS message for a delivery: the envelope, or the bare message and its attributes when raw. */
  private sqsMessage(d: SqsDelivery, fifoQueue: boolean, shared: SharedWork): MessageToSend | InvalidMessage {
    const { message, subscription, ref } = d;
    const fifoTopic = isFifoTopic(ref.topic);
    if (subscription.attributes.RawMessageDelivery === 'true') {
      const key = `${fifoQueue ? 'F' : 'S'}${message.id}`;
      let raw = shared.raw.get(key);
      if (!raw) {
        raw = rawMessage(message, ordering(message, fifoQueue, fifoTopic));
        shared.raw.set(key, raw);
      }
      return raw;
    }
    const sequencing = ordering(message, fifoQueue, fifoTopic);
    const envelope = isSigned(d)
      ? notificationEnvelope(ref, 'sqs', message, this.options.publicUrl, {
          version: d.signatureVersion,
          value: shared.signatures.get(message.id)!,
          certUrl: this.signer.signingCertUrl,
        })
      : notificationEnvelope(ref, 'sqs', message, this.options.publicUrl);
    return { MessageBody: formatEnvelope(envelope), ...sequencing };
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
