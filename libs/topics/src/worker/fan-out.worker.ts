import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { duplicateConnection, REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import { Metrics } from '@switchyard/runtime';
import { endpointPolicy } from '../domain/delivery-policy';
import { HttpDeliveryQueue, type HttpDeliveryJob } from '../domain/http-delivery-queue';
import type { PublishedMessage } from '../domain/published-message';
import { TopicMetrics } from '../domain/topic-metrics';
import type { TopicRef } from '../domain/topic-ref';
import { TopicStore } from '../store/topic.store';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';
import { SqsDeliverer, type SqsDelivery } from './sqs-delivery';
import { TopicAudiences } from './topic-audience';

/** The consumer group of every topic's published-messages stream. */
const GROUP = 'fanout';
/** Messages taken from a topic's stream at a time. */
const BATCH = 100;
/**
 * How long a worker holds a topic without renewing (it renews after every batch). A worker that
 * crashed holds it until then; the next one to take the topic claims the entries it left unacknowledged.
 */
const HOLD_MS = 10_000;
/** How often a worker looks at every topic's stream, for markers lost to a crash. */
const SWEEP_EVERY_MS = 5_000;
/** Topics whose streams a scrape of the backlog reads at most, so its cost stays bounded. */
const MAX_TOPICS_PER_SCRAPE = 1000;

/**
 * Fans published messages out to their subscriptions. Publish leaves each message on its topic's
 * stream and marks the topic; workers take marked topics, read the stream through one consumer group
 * (so replicas share the work and a crashed worker's entries are claimed by another), deliver, and
 * only then acknowledge and delete the entries. A topic is fanned out by one worker at a time, which
 * keeps FIFO topics in order.
 */
@Injectable()
export class FanOutWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(FanOutWorker.name);
  private readonly consumer = `c-${randomUUID()}`;
  private readonly groupsMade = new Set<string>();
  private stopping = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Wake-ups seen so far: one that arrives while the worker looks for work is not slept through. */
  private wakes = 0;
  private subscriber?: RedisClient;
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly audiences: TopicAudiences,
    private readonly sqs: SqsDeliverer,
    private readonly http: HttpDeliveryQueue,
    private readonly topics: TopicStore,
    private readonly metrics: TopicMetrics,
    private readonly registry: Metrics,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.backlog('sns-deliveries', () => this.backlog());
    this.subscriber = duplicateConnection(this.redis, { subscriber: true });
    this.subscriber.on('message', () => {
      this.wakes++;
      this.wake?.();
    });
    this.subscriber.subscribe(this.keys.fanOutWakeChannel()).catch(() => undefined);
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_EVERY_MS);
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.wake?.();
    await this.loop;
    this.subscriber?.disconnect();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      // The wake-up for a publish can arrive (on the subscriber connection) before the reply to a
      // look that came too early to see it: a wake-up since the look began means look again.
      const mark = this.wakes;
      let marked: string[] = [];
      try {
        marked = (await this.redis.spop(this.keys.topicsToFanOut(), 16)) as string[];
      } catch {
        // Redis out of reach: wait, then try again.
      }
      if (marked.length === 0) {
        if (this.wakes !== mark) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
        continue;
      }
      await Promise.all(
        marked.map((member) =>
          this.fanOutTopic(member).catch((e: Error) => {
            this.log.warn(`fan-out of ${member.replace('\n', '/')} failed, retried later: ${e.message}`);
          }),
        ),
      );
    }
  }

  /** Fans out one topic's waiting messages, while this worker holds the topic. */
  private async fanOutTopic(member: string): Promise<void> {
    const cut = member.indexOf('\n');
    const topic: TopicRef = {
      accountId: member.slice(0, cut),
      region: this.options.region,
      name: member.slice(cut + 1),
    };
    const k = this.keys.topic(topic.accountId, topic.name);
    if (!(await this.topics.holdFanOut(topic, this.consumer, HOLD_MS))) {
      // Another worker has it; look again shortly in case it finished before seeing the newest messages.
      setTimeout(() => void this.redis.sadd(this.keys.topicsToFanOut(), member).catch(() => undefined), 200);
      return;
    }
    try {
      await this.ensureGroup(k.published);
      // Holding the topic, any entry read but not acknowledged was left by a worker that died.
      let claimed = await this.claimLeftOver(k.published);
      for (;;) {
        const entries = claimed.length ? claimed : await this.readNew(k.published);
        claimed = [];
        if (entries.length === 0) return;
        await this.deliver(
          topic,
          entries.map(([, m]) => m),
        );
        await this.topics.acknowledgeFanOut(
          topic,
          GROUP,
          entries.map(([id]) => id),
          HOLD_MS,
        );
      }
    } finally {
      await this.topics.releaseFanOut(topic, this.consumer);
    }
  }

  private async ensureGroup(stream: string): Promise<void> {
    if (this.groupsMade.has(stream)) return;
    try {
      await this.redis.xgroup('CREATE', stream, GROUP, '0', 'MKSTREAM');
    } catch (e) {
      if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
    }
    this.groupsMade.add(stream);
  }

  private async readNew(stream: string): Promise<[string, PublishedMessage][]> {
    const reply = (await this.redis.xreadgroup(
      'GROUP',
      GROUP,
      this.consumer,
      'COUNT',
      BATCH,
      'STREAMS',
      stream,
      '>',
    )) as [string, [string, string[]][]][] | null;
    return decodeEntries(reply?.[0]?.[1] ?? []);
  }

  /** Every entry read and never acknowledged, taken over by this worker (in stream order). */
  private async claimLeftOver(stream: string): Promise<[string, PublishedMessage][]> {
    const out: [string, PublishedMessage][] = [];
    let cursor = '0-0';
    do {
      const reply = (await this.redis.xautoclaim(
        stream,
        GROUP,
        this.consumer,
        0,
        cursor,
        'COUNT',
        BATCH,
      )) as [string, [string, string[] | null][]];
      out.push(...decodeEntries(reply[1] ?? []));
      cursor = reply[0];
    } while (cursor !== '0-0');
    return out;
  }

  private async deliver(topic: TopicRef, messages: readonly PublishedMessage[]): Promise<void> {
    const audience = await this.audiences.of(topic);
    const sqs: SqsDelivery[] = [];
    const http: HttpDeliveryJob[] = [];
    let filteredOut = 0;
    for (const message of messages) {
      const recipients = this.audiences.recipients(audience, message);
      filteredOut += audience.subscriptions.size - recipients.length;
      for (const id of recipients) {
        const subscription = audience.subscriptions.get(id)!;
        if (subscription.protocol === 'sqs')
          sqs.push({
            ref: { topic, id },
            subscription,
            message,
            signatureVersion: audience.signatureVersion,
          });
        else {
          const policy = endpointPolicy(
            subscription.protocol,
            audience.deliveryPolicy,
            subscription.attributes,
          );
          if (policy)
            http.push({
              accountId: topic.accountId,
              topicName: topic.name,
              subscriptionId: id,
              type: 'Notification',
              message,
              policy,
            });
        }
      }
    }
    await Promise.all([this.sqs.deliver(sqs), this.http.enqueue(http)]);
    this.metrics.notificationsFilteredOut(topic, filteredOut);
  }

  /**
   * Messages published and not yet fanned out, on every topic's stream (of the first 1,000 topics):
   * entries are deleted once delivered, so a stream's length is what its group has not read plus
   * what it read and has not acknowledged.
   */
  private async backlog(): Promise<number> {
    let waiting = 0;
    let topics = 0;
    for (const accountId of await this.redis.smembers(this.keys.topicOwnerIndex())) {
      const names = await this.redis.zrange(
        this.keys.topicIndex(accountId),
        0,
        MAX_TOPICS_PER_SCRAPE - topics - 1,
      );
      topics += names.length;
      for (let i = 0; i < names.length; i += 100) {
        const lengths = await Promise.all(
          names.slice(i, i + 100).map((name) => this.redis.xlen(this.keys.topic(accountId, name).published)),
        );
        for (const length of lengths) waiting += length;
      }
      if (topics >= MAX_TOPICS_PER_SCRAPE) break;
    }
    return waiting;
  }

  /** Marks every topic whose stream holds messages, so markers lost to a crash do not strand them. */
  private async sweep(): Promise<void> {
    for (const accountId of await this.redis.smembers(this.keys.topicOwnerIndex())) {
      const names = await this.redis.zrange(this.keys.topicIndex(accountId), 0, -1);
      for (let i = 0; i < names.length; i += 100) {
        const chunk = names.slice(i, i + 100);
        const lengths = await Promise.all(
          chunk.map((name) => this.redis.xlen(this.keys.topic(accountId, name).published)),
        );
        const waiting = chunk.filter((_, j) => lengths[j] > 0).map((name) => `${accountId}\n${name}`);
        if (waiting.length) await this.redis.sadd(this.keys.topicsToFanOut(), ...waiting);
      }
    }
    this.wake?.();
  }
}

function decodeEntries(entries: [string, string[] | null][]): [string, PublishedMessage][] {
  const out: [string, PublishedMessage][] = [];
  for (const [id, fields] of entries) {
    if (!fields) continue; // deleted while pending
    out.push([id, JSON.parse(fields[1]) as PublishedMessage]);
  }
  return out;
}
