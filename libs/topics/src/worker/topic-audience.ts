import { Inject, Injectable } from '@nestjs/common';
import {
  compileFilterPolicy,
  type FilterableMessage,
  FilterPolicyIndex,
  type FilterPolicyScope,
} from '@switchyard/filter-policy';
import { REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import type { PublishedMessage } from '../domain/published-message';
import type { StoredSubscription } from '../domain/subscription';
import type { TopicRef } from '../domain/topic-ref';
import { SubscriptionStore } from '../store/subscription.store';

/** A topic's confirmed subscriptions, with their filter policies compiled into one index. */
export interface Audience {
  readonly version: string;
  /** The topic's DeliveryPolicy as set (HTTP/S deliveries follow it). */
  readonly deliveryPolicy?: string;
  /** The topic's SignatureVersion: how its notifications are signed. */
  readonly signatureVersion: '1' | '2';
  readonly subscriptions: ReadonlyMap<string, StoredSubscription>;
  /** Subscriptions without a filter policy: they get every message. */
  readonly unfiltered: readonly string[];
  readonly filters: FilterPolicyIndex;
}

/**
 * Who receives a topic's messages. The compiled audience of each topic is kept while the topic's
 * subscription version (bumped by every subscription change) stays the same, so filter policies are
 * compiled when they change, never per message.
 */
@Injectable()
export class TopicAudiences {
  private readonly cache = new Map<string, Audience>();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly subscriptions: SubscriptionStore,
  ) {}

  /** The topic's current audience. */
  async of(topic: TopicRef): Promise<Audience> {
    const cacheKey = `${topic.accountId}\n${topic.name}`;
    const [storedVersion, storedPolicy, storedSignature] = await this.redis.hmget(
      this.keys.topic(topic.accountId, topic.name).meta,
      'subs-version',
      'a:DeliveryPolicy',
      'a:SignatureVersion',
    );
    const version = storedVersion ?? '0';
    const deliveryPolicy = storedPolicy ?? undefined;
    const signatureVersion: Audience['signatureVersion'] = storedSignature === '2' ? '2' : '1';
    const cached = this.cache.get(cacheKey);
    if (cached?.version === version) {
      if (cached.deliveryPolicy === deliveryPolicy && cached.signatureVersion === signatureVersion)
        return cached;
      const refreshed: Audience = { ...cached, deliveryPolicy, signatureVersion };
      this.cache.set(cacheKey, refreshed);
      return refreshed;
    }
    const all = await this.subscriptions.listByTopic(topic);
    const confirmed = new Map<string, StoredSubscription>();
    const unfiltered: string[] = [];
    const filters = new FilterPolicyIndex();
    for (const [id, sub] of all) {
      if (sub.pending === 1) continue;
      confirmed.set(id, sub);
      const policy = sub.attributes.FilterPolicy;
      if (policy) {
        const scope = (sub.attributes.FilterPolicyScope ?? 'MessageAttributes') as FilterPolicyScope;
        filters.add(id, compileFilterPolicy(policy, scope));
      } else unfiltered.push(id);
    }
    const audience: Audience = {
      version,
      deliveryPolicy,
      signatureVersion,
      subscriptions: confirmed,
      unfiltered,
      filters,
    };
    this.cache.set(cacheKey, audience);
    return audience;
  }

  /** The ids of the subscriptions that receive `message`. */
  recipients(audience: Audience, message: PublishedMessage): string[] {
    if (audience.filters.size === 0) return audience.unfiltered.slice();
    const filterable: FilterableMessage = {
      attributes: Object.fromEntries(
        Object.entries(message.attributes).map(([name, a]) => [
          name,
          a.Type.startsWith('Binary')
            ? { DataType: a.Type, BinaryValue: a.Value }
            : { DataType: a.Type, StringValue: a.Value },
        ]),
      ),
      body: message.message,
    };
    return [...audience.unfiltered, ...audience.filters.match(filterable)];
  }
}
