import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  checkReply,
  LuaScripts,
  REDIS_CLIENT,
  type RedisClient,
  RedisKeys,
  StoreCode,
  StoreError,
} from '@switchyard/redis';
import type { StoredSubscription, SubscriptionRef } from '../domain/subscription';
import type { TopicRef } from '../domain/topic-ref';
import { SUBSCRIPTION, TOPIC } from '../errors/sns-errors';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import { keysOfTopic } from './topic.store';

/** The only code that talks to Redis about subscriptions: one method per script or command. */
@Injectable()
export class SubscriptionStore {
  private readonly scripts: LuaScripts;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }

  /** The four keys every subscription script takes (lua/lib/subscription-keys.lua). */
  private scriptKeys(topic: TopicRef): string[] {
    const k = keysOfTopic(this.keys, this.options, topic);
    return [k.meta, k.subscriptions, k.endpoints, k.confirmationTokens];
  }

  private indexMember(ref: SubscriptionRef): string {
    return `${ref.topic.name}:${ref.id}`;
  }

  /** Subscriptions of the account that have a filter policy, for the account's quota. */
  async accountFilterPolicies(accountId: string): Promise<number> {
    return Number((await this.redis.get(this.keys.filterPolicyCount(accountId))) ?? 0);
  }

  /**
   * Stores a new subscription, or answers the one the endpoint has already (`created` false). Throws
   * StoreError topic NOT_FOUND, subscription EXISTS (other attributes) or topic LIMIT_EXCEEDED.
   */
  async subscribe(
    ref: SubscriptionRef,
    subscription: StoredSubscription,
    maxFilterPoliciesPerTopic: number,
  ): Promise<{ created: boolean; id: string; pending: boolean }> {
    const r = await this.scripts.run<number | [number, string?, number?]>(
      'subscribe',
      this.scriptKeys(ref.topic),
      [
        `${subscription.protocol}\n${subscription.endpoint}`,
        ref.id,
        JSON.stringify(subscription),
        maxFilterPoliciesPerTopic,
      ],
    );
    if (Array.isArray(r) && r[0] === StoreCode.EXISTS) throw new StoreError(SUBSCRIPTION, 'EXISTS');
    const [created, id, pending] = checkReply(TOPIC, r) as [number, string, number];
    if (created === 1) {
      const member = this.indexMember({ topic: ref.topic, id });
      const pipeline = this.redis.multi().zadd(this.keys.subscriptionIndex(ref.topic.accountId), 0, member);
      if (hasFilterPolicy(subscription.attributes))
        pipeline.incr(this.keys.filterPolicyCount(ref.topic.accountId));
      await pipeline.exec();
    }
    return { created: created === 1, id, pending: pending === 1 };
  }

  /** Removes a subscription (one that does not exist is no error); answers what was removed. */
  async unsubscribe(ref: SubscriptionRef): Promise<StoredSubscription | undefined> {
    const [removed, filtered, raw] = await this.scripts.run<[number, number, string?]>(
      'unsubscribe',
      [...this.scriptKeys(ref.topic), keysOfTopic(this.keys, this.options, ref.topic).deliveryFailures],
      [ref.id],
    );
    const pipeline = this.redis
      .multi()
      .zrem(this.keys.subscriptionIndex(ref.topic.accountId), this.indexMember(ref));
    if (removed === 1 && filtered === 1) pipeline.decr(this.keys.filterPolicyCount(ref.topic.accountId));
    await pipeline.exec();
    return raw ? (JSON.parse(raw) as StoredSubscription) : undefined;
  }

  /**
   * Counts a notification that failed for good for the subscription (dropped, or `deadLettered` to
   * its dead-letter queue); a subscription deleted meanwhile is not counted.
   */
  async countDeliveryFailure(ref: SubscriptionRef, deadLettered: boolean): Promise<void> {
    const k = keysOfTopic(this.keys, this.options, ref.topic);
    await this.scripts.run<number>(
      'count-delivery-failure',
      [k.subscriptions, k.deliveryFailures],
      [ref.id, deadLettered ? 1 : 0],
    );
  }

  /** The delivery-failure counters of a topic's subscriptions, by subscription id. */
  async deliveryFailures(topic: TopicRef): Promise<Map<string, { failed: number; deadLettered: number }>> {
    const raw = await this.redis.hgetall(keysOfTopic(this.keys, this.options, topic).deliveryFailures);
    const out = new Map<string, { failed: number; deadLettered: number }>();
    for (const [field, value] of Object.entries(raw)) {
      const i = field.lastIndexOf(':');
      const id = field.slice(0, i);
      const counts = out.get(id) ?? { failed: 0, deadLettered: 0 };
      if (field.slice(i + 1) === 'failed') counts.failed = Number(value);
      else counts.deadLettered = Number(value);
      out.set(id, counts);
    }
    return out;
  }

  /** A subscription; StoreError subscription NOT_FOUND when it does not exist. */
  async get(ref: SubscriptionRef): Promise<StoredSubscription> {
    const k = keysOfTopic(this.keys, this.options, ref.topic);
    const raw = await this.redis.hget(k.subscriptions, ref.id);
    if (raw === null) throw new StoreError(SUBSCRIPTION, 'NOT_FOUND');
    return JSON.parse(raw) as StoredSubscription;
  }

  /** Every subscription of a topic, by id. */
  async listByTopic(topic: TopicRef): Promise<Map<string, StoredSubscription>> {
    const k = keysOfTopic(this.keys, this.options, topic);
    const all = await this.redis.hgetall(k.subscriptions);
    return new Map(Object.entries(all).map(([id, raw]) => [id, JSON.parse(raw) as StoredSubscription]));
  }

  /** Sets (or with '' removes) one attribute; StoreError subscription NOT_FOUND, topic LIMIT_EXCEEDED. */
  async setAttribute(
    ref: SubscriptionRef,
    name: string,
    value: string,
    maxFilterPoliciesPerTopic: number,
  ): Promise<void> {
    const r = await this.scripts.run<number | [number, number | string]>(
      'set-subscription-attribute',
      this.scriptKeys(ref.topic),
      [ref.id, name, value, maxFilterPoliciesPerTopic],
    );
    if (r === StoreCode.NOT_FOUND) throw new StoreError(SUBSCRIPTION, 'NOT_FOUND');
    const [, change] = checkReply(TOPIC, r) as [number, number];
    if (change !== 0) await this.redis.incrby(this.keys.filterPolicyCount(ref.topic.accountId), change);
  }

  /** Confirms the subscription a token was sent for; StoreError topic NOT_FOUND or subscription NO_SUCH_ITEM. */
  async confirm(topic: TopicRef, token: string, now: number, authenticated: boolean): Promise<string> {
    const r = await this.scripts.run<string | number | number[]>(
      'confirm-subscription',
      this.scriptKeys(topic),
      [token, now, authenticated ? '1' : '0'],
    );
    if (Array.isArray(r)) throw new StoreError(SUBSCRIPTION, 'NO_SUCH_ITEM');
    return String(checkReply(TOPIC, r));
  }

  /**
   * Takes one delivery of the current second for a throttled subscription, across every executor;
   * answers the ms to wait when the second's deliveries are used up (0: go now).
   */
  async takeDeliverySlot(ref: SubscriptionRef, maxPerSecond: number, now: number): Promise<number> {
    const second = Math.floor(now / 1000);
    const key = `${keysOfTopic(this.keys, this.options, ref.topic).throttlePrefix}${ref.id}:${second}`;
    const granted = await this.scripts.run<number>('take-delivery-slot', [key], [maxPerSecond]);
    return granted === 1 ? 0 : (second + 1) * 1000 - now;
  }

  /** Subscription index members (`<topic>:<id>`) of the account after `after`, at most `limit`. */
  async listAccountSubscriptions(
    accountId: string,
    after: string | undefined,
    limit: number,
  ): Promise<SubscriptionRefName[]> {
    const min = after === undefined ? '-' : `(${after}`;
    const members = await this.redis.zrangebylex(
      this.keys.subscriptionIndex(accountId),
      min,
      '+',
      'LIMIT',
      0,
      limit,
    );
    return members.map((m) => {
      const i = m.lastIndexOf(':');
      return { topicName: m.slice(0, i), id: m.slice(i + 1), member: m };
    });
  }

  /** Forgets index entries of a deleted topic's subscriptions, and their filter policies in the account's count. */
  async forgetTopicSubscriptions(
    topic: TopicRef,
    ids: readonly string[],
    filterPolicies: number,
  ): Promise<void> {
    const pipeline = this.redis.multi();
    if (ids.length)
      pipeline.zrem(
        this.keys.subscriptionIndex(topic.accountId),
        ...ids.map((id) => this.indexMember({ topic, id })),
      );
    if (filterPolicies > 0) pipeline.decrby(this.keys.filterPolicyCount(topic.accountId), filterPolicies);
    await pipeline.exec();
  }
}

/** An entry of the account's subscription index. */
export interface SubscriptionRefName {
  readonly topicName: string;
  readonly id: string;
  /** The index member, for the next page's start. */
  readonly member: string;
}

function hasFilterPolicy(attributes: Record<string, string>): boolean {
  return attributes.FilterPolicy !== undefined && attributes.FilterPolicy !== '';
}
