import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  checkReply,
  LuaScripts,
  REDIS_CLIENT,
  type RedisClient,
  RedisKeys,
  StoreError,
  type TopicKeys,
} from '@switchyard/redis';
import type { TopicRef } from '../domain/topic-ref';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import { TOPIC } from '../errors/sns-errors';

/** The most tags a topic may carry (AWS's quota). */
export const MAX_TOPIC_TAGS = 50;

/** FIFO topics drop a message that repeats a de-duplication id within 5 minutes. */
export const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

/** A topic as stored: the attributes set on it, and its bookkeeping. */
export interface StoredTopic {
  /** Attributes given at creation or by SetTopicAttributes (defaults are not stored). */
  readonly attributes: Record<string, string>;
  readonly createdAt: number;
  /** Subscription counts, for SubscriptionsConfirmed, SubscriptionsPending and SubscriptionsDeleted. */
  readonly subscriptions: { readonly confirmed: number; readonly pending: number; readonly deleted: number };
}

/**
 * The keys of a topic in this deployment's region. A topic ARN of another region names no topic
 * here: StoreError topic NOT_FOUND (one region per deployment, so keys do not carry it).
 */
export function keysOfTopic(keys: RedisKeys, options: TopicsOptions, topic: TopicRef): TopicKeys {
  if (topic.region !== options.region) throw new StoreError(TOPIC, 'NOT_FOUND');
  return keys.topic(topic.accountId, topic.name);
}

/** The only code that talks to Redis about topics: one method per script or command. */
@Injectable()
export class TopicStore {
  private readonly scripts: LuaScripts;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }

  private topicKeys(topic: TopicRef): TopicKeys {
    return keysOfTopic(this.keys, this.options, topic);
  }

  /** Topics the account owns, for the topic quota. */
  async countTopics(accountId: string): Promise<number> {
    return this.redis.zcard(this.keys.topicIndex(accountId));
  }

  /** FIFO topics the account owns, for the FIFO topic quota (a scan of the account's topic names). */
  async countFifoTopics(accountId: string): Promise<number> {
    let count = 0;
    let cursor = '0';
    do {
      const [next, entries] = await this.redis.zscan(
        this.keys.topicIndex(accountId),
        cursor,
        'MATCH',
        '*.fifo',
        'COUNT',
        1000,
      );
      count += entries.length / 2;
      cursor = next;
    } while (cursor !== '0');
    return count;
  }

  /**
   * Creates a topic, or confirms one with the same attributes and tags; `created` tells which.
   * Throws StoreError EXISTS ('attributes' or 'tags') when the topic exists with others.
   */
  async create(
    topic: TopicRef,
    attributes: Record<string, string>,
    tags: Record<string, string>,
    now: number,
  ): Promise<{ created: boolean }> {
    const k = this.topicKeys(topic);
    const pairs = Object.entries(attributes);
    const r = checkReply(
      TOPIC,
      await this.scripts.run<number>(
        'create-topic',
        [k.meta, k.tags],
        [now, pairs.length, ...pairs.flat(), ...Object.entries(tags).flat()],
      ),
    );
    // The indexes live on other slots; a crash before these lines leaves a topic ListTopics misses
    // until it is created again (CreateTopic is idempotent) or deleted.
    await Promise.all([
      this.redis.zadd(this.keys.topicIndex(topic.accountId), 0, topic.name),
      this.redis.sadd(this.keys.topicOwnerIndex(), topic.accountId),
    ]);
    return { created: r === 1 };
  }

  /**
   * Deletes a topic and everything under it (a topic that does not exist is no error); answers the
   * ids of its subscriptions and how many had a filter policy, for the account's indexes.
   */
  async delete(topic: TopicRef): Promise<{ subscriptionIds: string[]; filterPolicies: number }> {
    const k = this.topicKeys(topic);
    const [filterPolicies, ...subscriptionIds] = await this.scripts.run<[number, ...string[]]>(
      'delete-topic',
      [
        k.meta,
        k.subscriptions,
        k.endpoints,
        k.confirmationTokens,
        k.tags,
        k.published,
        k.deduplication,
        k.deduplicationExpiry,
        k.deliveryFailures,
      ],
      [],
    );
    await this.redis.zrem(this.keys.topicIndex(topic.accountId), topic.name);
    return { subscriptionIds, filterPolicies: Number(filterPolicies) };
  }

  /** A topic's stored state; StoreError NOT_FOUND when it does not exist. */
  async get(topic: TopicRef): Promise<StoredTopic> {
    const fields = await this.redis.hgetall(this.topicKeys(topic).meta);
    if (fields.created === undefined) throw new StoreError(TOPIC, 'NOT_FOUND');
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields))
      if (name.startsWith('a:')) attributes[name.slice(2)] = value;
    return {
      attributes,
      createdAt: Number(fields.created),
      subscriptions: {
        confirmed: Number(fields['subs-confirmed'] ?? 0),
        pending: Number(fields['subs-pending'] ?? 0),
        deleted: Number(fields['subscriptions-deleted'] ?? 0),
      },
    };
  }

  /** Sets one attribute; with `emptyRemoves`, an empty value removes it so that its default shows again. */
  async setAttribute(topic: TopicRef, name: string, value: string, emptyRemoves: boolean): Promise<void> {
    checkReply(
      TOPIC,
      await this.scripts.run<number>(
        'set-topic-attribute',
        [this.topicKeys(topic).meta],
        [name, value, emptyRemoves ? '1' : '0'],
      ),
    );
  }

  /**
   * Accepts published messages onto the topic's stream in one atomic step (FIFO topics: de-duplicated
   * within the window and numbered), then marks the topic for its fan-out when its stream was empty. Answers per message its id
   * and sequence number (a duplicate's are the original's). StoreError NOT_FOUND: no such topic.
   */
  async publish(
    topic: TopicRef,
    messages: readonly { id: string; deduplicationKey?: string; encoded: string }[],
    now: number,
  ): Promise<{ id: string; sequenceNumber?: string }[]> {
    const k = this.topicKeys(topic);
    const args: (string | number)[] = [now, DEDUPLICATION_WINDOW_MS];
    for (const m of messages) args.push(m.id, m.deduplicationKey ?? '', m.encoded);
    const r = checkReply(
      TOPIC,
      await this.scripts.run<(string | number)[] | number>(
        'publish-messages',
        [k.meta, k.published, k.deduplication, k.deduplicationExpiry],
        args,
      ),
    ) as [number, ...string[]];
    if (r[0] === 1) await this.markForFanOut(topic);
    const out: { id: string; sequenceNumber?: string }[] = [];
    for (let i = 1; i < r.length; i += 2)
      out.push(
        r[i + 1] ? { id: r[i] as string, sequenceNumber: r[i + 1] as string } : { id: r[i] as string },
      );
    return out;
  }

  /**
   * Tells the fan-out workers the topic has messages waiting. A second step, so a crash before it only
   * delays the fan-out until the workers' sweep finds the topic's stream.
   */
  async markForFanOut(topic: TopicRef): Promise<void> {
    await this.redis
      .multi()
      .sadd(this.keys.topicsToFanOut(), `${topic.accountId}\n${topic.name}`)
      .publish(this.keys.fanOutWakeChannel(), '1')
      .exec();
  }

  /**
   * Adds (with `statement`) or removes the Policy statement labelled `label`, starting from
   * `defaultPolicy` when the topic has none set. StoreError NOT_FOUND, EXISTS, NO_SUCH_ITEM, UNREADABLE.
   */
  async editPolicy(
    topic: TopicRef,
    label: string,
    statement: object | undefined,
    defaultPolicy: string,
  ): Promise<void> {
    checkReply(
      TOPIC,
      await this.scripts.run<number>(
        'edit-topic-policy',
        [this.topicKeys(topic).meta],
        [statement ? 'add' : 'remove', label, statement ? JSON.stringify(statement) : '', defaultPolicy],
      ),
    );
  }

  /** Takes the topic's fan-out for `holder` for `ms`, unless another worker holds it; whether it was taken. */
  async holdFanOut(topic: TopicRef, holder: string, ms: number): Promise<boolean> {
    return (await this.redis.set(this.topicKeys(topic).fanOutLock, holder, 'PX', ms, 'NX')) === 'OK';
  }

  /**
   * Acknowledges and deletes fanned-out entries of the topic's stream and renews `holder`'s hold, in
   * one round trip.
   */
  async acknowledgeFanOut(topic: TopicRef, group: string, ids: readonly string[], ms: number): Promise<void> {
    const k = this.topicKeys(topic);
    await this.redis
      .multi()
      .xack(k.published, group, ...ids)
      .xdel(k.published, ...ids)
      .pexpire(k.fanOutLock, ms)
      .exec();
  }

  /** Gives the topic's fan-out up, if `holder` still holds it. */
  async releaseFanOut(topic: TopicRef, holder: string): Promise<void> {
    await this.scripts.run<number>('release-fanout-hold', [this.topicKeys(topic).fanOutLock], [holder]);
  }

  /** Topic names of the account in name order, after `after`, at most `limit`. */
  async listTopicNames(accountId: string, after: string | undefined, limit: number): Promise<string[]> {
    const min = after === undefined ? '-' : `(${after}`;
    return this.redis.zrangebylex(this.keys.topicIndex(accountId), min, '+', 'LIMIT', 0, limit);
  }

  async tag(topic: TopicRef, tags: Record<string, string>): Promise<void> {
    const k = this.topicKeys(topic);
    checkReply(
      TOPIC,
      await this.scripts.run<number>(
        'tag-topic',
        [k.meta, k.tags],
        [MAX_TOPIC_TAGS, ...Object.entries(tags).flat()],
      ),
    );
  }

  async untag(topic: TopicRef, keys: readonly string[]): Promise<void> {
    const k = this.topicKeys(topic);
    checkReply(TOPIC, await this.scripts.run<number>('untag-topic', [k.meta, k.tags], keys));
  }

  /** A topic's tags; StoreError NOT_FOUND when the topic does not exist. */
  async tags(topic: TopicRef): Promise<Record<string, string>> {
    const k = this.topicKeys(topic);
    const [[, exists], [, tags]] = (await this.redis.multi().exists(k.meta).hgetall(k.tags).exec()) as [
      [unknown, number],
      [unknown, Record<string, string>],
    ];
    if (!exists) throw new StoreError(TOPIC, 'NOT_FOUND');
    return tags;
  }
}
