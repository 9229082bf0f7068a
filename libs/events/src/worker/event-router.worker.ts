import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { duplicateConnection, REDIS_CLIENT, type RedisClient } from '@switchyard/redis';
import { Metrics } from '@switchyard/runtime';
import { eventDocument } from '../domain/accepted-event';
import { ruleArn } from '../domain/event-names';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { eventFields, matchesEventFields } from '../pattern';
import {
  type AcceptedEvent,
  type Delivery,
  EventFlowStore,
  type RoutedEntry,
} from '../store/event-flow.store';
import { type ActiveRule, BusRules } from '../domain/bus-rules';
import { DeliveryWorker } from './delivery.worker';

/** Entries read at a time. */
const BATCH = 100;
/** How long a read waits for new entries; bounds how long shutdown waits for the loop too. */
const BLOCK_MS = 1_000;
/** An entry read but not settled this long belongs to a dead worker; another claims it. */
const ABANDONED_AFTER_MS = 30_000;
/** How often a worker looks for entries dead workers left. */
const CLAIM_EVERY_MS = 5_000;

/**
 * Routes accepted events to the targets of the rules they match. Workers of every process read the
 * ingest stream through one consumer group; for each entry a worker matches the account's enabled
 * rules and, in one atomic step, records a delivery per matched target and acknowledges and deletes
 * the entry. An entry a worker read and never settled (it died) is claimed by another after 30 s.
 */
@Injectable()
export class EventRouterWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(EventRouterWorker.name);
  private readonly consumer = `c-${randomUUID()}`;
  private stopping = false;
  private loop?: Promise<void>;
  private reader?: RedisClient;
  private claimer?: NodeJS.Timeout;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly store: EventFlowStore,
    private readonly rules: BusRules,
    private readonly deliveries: DeliveryWorker,
    private readonly metrics: Metrics,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.backlog('event-routing', () => this.store.routingBacklog());
    // A blocking read holds its connection: it gets one of its own.
    this.reader = duplicateConnection(this.redis);
    this.claimer = setInterval(() => void this.claimAbandoned(), CLAIM_EVERY_MS);
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.claimer) clearInterval(this.claimer);
    await this.loop;
    this.reader?.disconnect();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.store.ensureGroup();
        const entries = await this.store.readNew(this.reader!, this.consumer, BATCH, BLOCK_MS);
        if (entries.length) await this.route(entries);
      } catch (error) {
        if (this.stopping) return;
        // Redis out of reach, or a failed settle: the entries stay pending and are claimed again.
        this.log.warn(`routing events failed, retried: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, BLOCK_MS));
      }
    }
  }

  private async claimAbandoned(): Promise<void> {
    if (this.stopping) return;
    try {
      await this.store.ensureGroup();
      const entries = await this.store.claimAbandoned(this.consumer, ABANDONED_AFTER_MS, BATCH);
      if (entries.length) await this.route(entries);
    } catch (error) {
      this.log.warn(`claiming abandoned events failed: ${(error as Error).message}`);
    }
  }

  /** Matches entries against their accounts' rules and settles them as deliveries, due now. */
  private async route(entries: readonly [string, AcceptedEvent][]): Promise<void> {
    const routed: RoutedEntry[] = [];
    // One look at each bus's rules a batch.
    const buses = new Map<string, Promise<readonly ActiveRule[]>>();
    for (const [entryId, event] of entries) {
      const bus = `${event.account}\n${event.bus}`;
      if (!buses.has(bus)) buses.set(bus, this.rules.of(event.account, event.bus));
      routed.push({ entryId, deliveries: this.deliveriesOf(event, await buses.get(bus)!) });
    }
    await this.store.settle(routed);
    if (routed.some((r) => r.deliveries.length)) this.deliveries.wake();
  }

  private deliveriesOf(
    event: AcceptedEvent,
    rules: readonly ActiveRule[],
  ): { delivery: Delivery; due: number }[] {
    if (rules.length === 0) return [];
    let document: Record<string, unknown>;
    try {
      document = eventDocument(event, this.options.region);
    } catch (error) {
      // Only an entry no PutEvents wrote can fail here; settled without deliveries, it cannot block the stream.
      this.log.error(`event ${event.id} dropped, it cannot be read: ${(error as Error).message}`);
      return [];
    }
    const fields = eventFields(document);
    const text = JSON.stringify(document);
    const out: { delivery: Delivery; due: number }[] = [];
    for (const { rule, pattern, targets } of rules) {
      if (!matchesEventFields(pattern, fields)) continue;
      for (const target of targets)
        out.push({
          due: event.acceptedAt,
          delivery: {
            id: `${event.id}/${rule.name}/${target.Id}`,
            account: event.account,
            ruleName: rule.name,
            ruleArn: ruleArn(this.options.region, event.account, rule.name, event.bus),
            target,
            event: text,
            acceptedAt: event.acceptedAt,
            failures: 0,
          },
        });
    }
    return out;
  }
}
