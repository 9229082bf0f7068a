import { Injectable } from '@nestjs/common';
import { Clock } from '@switchyard/runtime';
import {
  type PublishedMessage,
  type PublishRequest,
  preparePublish,
  type PublishTarget,
} from '../domain/published-message';
import { isFifoTopic, type TopicRef } from '../domain/topic-ref';
import { TopicStore } from '../store/topic.store';
import { DEFAULT_MAX_MESSAGE_SIZE } from './topic-attributes';
import { TopicMetrics } from '../domain/topic-metrics';

/** A message checked for its topic, or why SNS refused it. */
export type PreparedPublish =
  { readonly message: PublishedMessage; readonly deduplicationKey?: string } | { readonly error: unknown };

/** How long a topic's settings are reused between publishes (AWS applies attribute changes eventually too). */
const SETTINGS_TTL_MS = 1_000;

/** A topic's settings that publishing checks messages against. */
interface TopicSettings {
  readonly target: PublishTarget;
  /** FIFO topics with FifoThroughputScope MessageGroup de-duplicate within a group. */
  readonly byGroup: boolean;
  readonly readAt: number;
}

/** What Publish and PublishBatch answer per accepted message. */
export interface PublishOutcome {
  readonly MessageId: string;
  readonly SequenceNumber?: string;
}

/**
 * The publish path Publish and PublishBatch share: the topic's settings, the checks per message, and
 * one atomic store step that accepts the batch onto the topic's stream.
 */
@Injectable()
export class Publisher {
  private readonly settings = new Map<string, TopicSettings>();

  constructor(
    private readonly store: TopicStore,
    private readonly clock: Clock,
    private readonly metrics: TopicMetrics,
  ) {}

  /** The topic's settings, read at most once a second per topic (a missing topic is NotFound). */
  private async settingsOf(topic: TopicRef): Promise<TopicSettings> {
    const key = `${topic.accountId}\n${topic.name}`;
    const now = this.clock.now();
    const cached = this.settings.get(key);
    if (cached && now - cached.readAt < SETTINGS_TTL_MS) return cached;
    const stored = await this.store.get(topic);
    const fresh: TopicSettings = {
      target: {
        fifo: isFifoTopic(topic),
        contentBasedDeduplication: stored.attributes.ContentBasedDeduplication === 'true',
        maxMessageBytes: Number(stored.attributes.MaximumMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE),
      },
      byGroup: stored.attributes.FifoThroughputScope === 'MessageGroup',
      readAt: now,
    };
    if (this.settings.size > 10_000) this.settings.clear();
    this.settings.set(key, fresh);
    return fresh;
  }

  /**
   * Checks every request against the topic's settings; a refused one carries its error. Answers the
   * topic's message size limit too, which also bounds a batch's total.
   */
  async prepare(
    topic: TopicRef,
    requests: readonly PublishRequest[],
  ): Promise<{ prepared: PreparedPublish[]; maxMessageBytes: number }> {
    const { target, byGroup } = await this.settingsOf(topic);
    const fifo = target.fifo;
    const now = this.clock.now();
    const prepared = requests.map((request): PreparedPublish => {
      try {
        const message = preparePublish(request, target, now);
        if (!fifo) return { message };
        const deduplicationKey = byGroup
          ? `${message.groupId}\n${message.deduplicationId}`
          : message.deduplicationId;
        return { message, deduplicationKey };
      } catch (error) {
        return { error };
      }
    });
    return { prepared, maxMessageBytes: target.maxMessageBytes };
  }

  /** Accepts checked messages in one atomic step; answers per message, in order. */
  async commit(
    topic: TopicRef,
    messages: readonly { message: PublishedMessage; deduplicationKey?: string }[],
  ): Promise<PublishOutcome[]> {
    if (messages.length === 0) return [];
    const fifo = isFifoTopic(topic);
    const accepted = await this.store.publish(
      topic,
      messages.map(({ message, deduplicationKey }) => ({
        id: message.id,
        deduplicationKey,
        encoded: JSON.stringify(fifo ? { ...message, sequenceNumber: '__SEQ__' } : message),
      })),
      this.clock.now(),
    );
    this.metrics.messagesPublished(topic, accepted.length);
    return accepted.map((a) =>
      a.sequenceNumber ? { MessageId: a.id, SequenceNumber: a.sequenceNumber } : { MessageId: a.id },
    );
  }
}
