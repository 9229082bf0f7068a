import { Injectable } from '@nestjs/common';
import type { Events } from '@switchyard/aws-wire';
import { type RedisClient } from '@switchyard/redis';
import { streamBacklog } from '@switchyard/runtime';

import { EventStore } from './event-store';

/** The consumer group of the ingest stream: the routing workers of every process. */
export const ROUTING_GROUP = 'rules';

/** An event accepted onto a bus (PutEvents, or a service's own), before rules see it. */
export interface AcceptedEvent {
  readonly account: string;
  readonly bus: string;
  readonly id: string;
  /** ISO 8601 without fractions, as events carry it (`2015-11-11T21:29:54Z`). */
  readonly time: string;
  readonly source: string;
  readonly detailType: string;
  readonly resources: readonly string[];
  /** The detail as JSON text (an object). */
  readonly detail: string;
  /** When it was accepted (ms): MaximumEventAgeInSeconds counts from here. */
  readonly acceptedAt: number;
}

/** One event on its way to one target of one rule, with the attempts made so far. */
export interface Delivery {
  /** `<event id>/<rule>/<target id>`: routing an event again makes the same deliveries. */
  readonly id: string;
  readonly account: string;
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly target: Events.Target;
  /** The event as JSON text, as rules matched it and targets receive it before any input transformation. */
  readonly event: string;
  readonly acceptedAt: number;
  /** Failed attempts so far (0 before the first). */
  readonly failures: number;
}

/** A stream entry routed: the deliveries it produced and when each is due. */
export interface RoutedEntry {
  readonly entryId: string;
  readonly deliveries: readonly { readonly delivery: Delivery; readonly due: number }[];
}

type StreamEntries = [string, string[] | null][];

function decodeEntries(entries: StreamEntries): [string, AcceptedEvent][] {
  const out: [string, AcceptedEvent][] = [];
  for (const [id, fields] of entries) if (fields) out.push([id, JSON.parse(fields[1]) as AcceptedEvent]);
  return out;
}

/**
 * The only code that talks to Redis about events in flight: the ingest stream (read by the routing
 * workers through one consumer group) and the deliveries (a hash, and a sorted set of when each is
 * due, leased ahead while an attempt runs). All on the `{events}` slot.
 */
@Injectable()
export class EventFlowStore extends EventStore {
  private groupMade = false;

  /** Accepts events in one atomic step: once this returns they are durably in Redis. */
  async ingest(events: readonly AcceptedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.scripts.run(
      'ingest-events',
      [this.keys.eventFlow().ingest],
      events.map((e) => JSON.stringify(e)),
    );
  }

  /** Makes the routing workers' consumer group (and the stream) unless they exist. */
  async ensureGroup(): Promise<void> {
    if (this.groupMade) return;
    try {
      await this.redis.xgroup('CREATE', this.keys.eventFlow().ingest, ROUTING_GROUP, '0', 'MKSTREAM');
    } catch (e) {
      if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
    }
    this.groupMade = true;
  }

  /** Forgets the group was made when Redis says it is gone (a flushed or replaced server). */
  private async inGroup<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (String((error as Error).message).includes('NOGROUP')) this.groupMade = false;
      throw error;
    }
  }

  /** New entries for `consumer`, waiting up to `blockMs` on `connection` (a connection of its own: it blocks). */
  async readNew(
    connection: RedisClient,
    consumer: string,
    count: number,
    blockMs: number,
  ): Promise<[string, AcceptedEvent][]> {
    const reply = (await this.inGroup(() =>
      connection.xreadgroup(
        'GROUP',
        ROUTING_GROUP,
        consumer,
        'COUNT',
        count,
        'BLOCK',
        blockMs,
        'STREAMS',
        this.keys.eventFlow().ingest,
        '>',
      ),
    )) as [string, StreamEntries][] | null;
    return decodeEntries(reply?.[0]?.[1] ?? []);
  }

  /** Entries another consumer read but left unsettled for `minIdleMs` (it died), taken over by `consumer`. */
  async claimAbandoned(
    consumer: string,
    minIdleMs: number,
    count: number,
  ): Promise<[string, AcceptedEvent][]> {
    const reply = (await this.inGroup(() =>
      this.redis.xautoclaim(
        this.keys.eventFlow().ingest,
        ROUTING_GROUP,
        consumer,
        minIdleMs,
        '0-0',
        'COUNT',
        count,
      ),
    )) as [string, StreamEntries];
    return decodeEntries(reply[1] ?? []);
  }

  /**
   * Turns routed entries into deliveries in one atomic step: an entry still pending (not settled by
   * a worker that claimed it meanwhile) gets its deliveries recorded, and is acknowledged and deleted.
   */
  async settle(entries: readonly RoutedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const k = this.keys.eventFlow();
    const args: (string | number)[] = [ROUTING_GROUP];
    for (const entry of entries) {
      args.push(entry.entryId, entry.deliveries.length);
      for (const { delivery, due } of entry.deliveries) args.push(delivery.id, due, JSON.stringify(delivery));
    }
    await this.scripts.run('route-events', [k.ingest, k.deliveries, k.due], args);
  }

  /** Up to `limit` deliveries due at `now`, each leased until `leaseUntil`. */
  async takeDue(now: number, leaseUntil: number, limit: number): Promise<Delivery[]> {
    const k = this.keys.eventFlow();
    const reply = await this.scripts.run<string[]>(
      'take-deliveries',
      [k.due, k.deliveries],
      [now, leaseUntil, limit],
    );
    const out: Delivery[] = [];
    for (let i = 1; i < reply.length; i += 2) out.push(JSON.parse(reply[i]) as Delivery);
    return out;
  }

  /** Keeps a delivery, its failures counted, for another attempt at `due`. */
  async reschedule(delivery: Delivery, due: number): Promise<void> {
    const k = this.keys.eventFlow();
    await this.scripts.run(
      'reschedule-delivery',
      [k.due, k.deliveries],
      [delivery.id, due, JSON.stringify(delivery)],
    );
  }

  /** Forgets a delivery (delivered, dead-lettered or dropped). */
  async finish(deliveryId: string): Promise<void> {
    const k = this.keys.eventFlow();
    await this.scripts.run('finish-delivery', [k.due, k.deliveries], [deliveryId]);
  }

  /** When the earliest delivery is due (ms), or undefined when there is none. */
  async nextDue(): Promise<number | undefined> {
    const [, score] = await this.redis.zrange(this.keys.eventFlow().due, 0, 0, 'WITHSCORES');
    return score === undefined ? undefined : Number(score);
  }

  /** Accepted events not yet routed: ingest entries the routing group has not read, or not settled. */
  routingBacklog(): Promise<number> {
    return streamBacklog(this.redis, this.keys.eventFlow().ingest, ROUTING_GROUP);
  }

  /** Deliveries due by `nowMs` that no worker holds (an attempt in progress leases its delivery ahead). */
  dueCount(nowMs: number): Promise<number> {
    return this.redis.zcount(this.keys.eventFlow().due, '-inf', nowMs);
  }
}
