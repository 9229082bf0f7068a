import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';

/** What a provider is asked to send: an SMS to a phone number, or a push message to an endpoint ARN. */
export interface ProviderMessage {
  readonly endpoint: string;
  readonly message: string;
  readonly messageId: string;
  readonly topicArn?: string;
  readonly subscriptionArn?: string;
}

/** How many recorded messages of each kind are kept. */
const KEPT = 1000;

/**
 * The providers that send SMS and mobile push. The one built in records instead of sending: what
 * would have gone out is kept in Redis (the newest 1,000 of each kind) and shown at
 * `/_sns/recorded/<kind>`. A kind with no provider configured is not sent at all: `send` answers
 * false and the delivery fails, never a pretended success.
 */
@Injectable()
export class MessagingProviders {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  /** Whether a provider for the kind is configured. */
  configured(kind: 'sms' | 'application'): boolean {
    return (kind === 'sms' ? this.options.smsProvider : this.options.pushProvider) !== undefined;
  }

  /** Hands a message to the kind's provider; false when none is configured. */
  async send(kind: 'sms' | 'application', message: ProviderMessage, now: number): Promise<boolean> {
    if (!this.configured(kind)) return false;
    const key = this.keys.recordedDeliveries(kind);
    await this.redis
      .multi()
      .lpush(key, JSON.stringify({ ...message, timestamp: new Date(now).toISOString() }))
      .ltrim(key, 0, KEPT - 1)
      .exec();
    return true;
  }

  /** What the recording provider kept for a kind, newest first, as JSON. */
  async recorded(kind: 'sms' | 'application'): Promise<string> {
    const items = await this.redis.lrange(this.keys.recordedDeliveries(kind), 0, -1);
    return `[${items.join(',')}]`;
  }
}
