import { Injectable } from '@nestjs/common';
import { Clock } from '@switchyard/runtime';
import { eventFields, matchesEventFields } from '../pattern';
import { type AcceptedEvent, EventFlowStore } from '../store/event-flow.store';
import { acceptEvent, eventDocument } from './accepted-event';
import { BusRules } from './bus-rules';
import { DEFAULT_BUS } from './event-names';

/** An event a Switchyard service emits about its resources (Step Functions' execution status changes). */
export interface BusEvent {
  /** The emitting service, `aws.<service>` as AWS's own (`aws.states`). */
  readonly source: string;
  readonly detailType: string;
  readonly detail: object;
  /** ARNs of the resources the event is about. */
  readonly resources?: readonly string[];
  /** When it happened; the time it is published otherwise. */
  readonly time?: Date;
}

/** How long `publishMatched` trusts the rules it knows: a new rule sees service events that much later. */
const RULES_MAX_AGE_MS = 250;

/**
 * Puts events on an account's default event bus from inside Switchyard, as AWS services emit theirs:
 * `aws.` sources are allowed (PutEvents refuses them to clients), and the events take PutEvents' own
 * path: accepted in one atomic step (durably in Redis when `publish` returns), then matched against
 * the account's rules and delivered by the event workers.
 */
@Injectable()
export class EventBus {
  constructor(
    private readonly store: EventFlowStore,
    private readonly rules: BusRules,
    private readonly clock: Clock,
  ) {}

  /** Publishes events on `accountId`'s default bus; answers their event ids, in order. */
  async publish(accountId: string, entries: readonly BusEvent[]): Promise<string[]> {
    const accepted = this.accept(accountId, entries);
    await this.store.ingest(accepted);
    return accepted.map((e) => e.id);
  }

  /**
   * Publishes only the events an enabled rule of the bus matches now: routing would drop the others,
   * so a service's frequent events (every execution's status changes) cost nothing while no rule asks
   * for them. Answers the ids of the events published.
   */
  async publishMatched(accountId: string, region: string, entries: readonly BusEvent[]): Promise<string[]> {
    const rules = await this.rules.of(accountId, DEFAULT_BUS, RULES_MAX_AGE_MS);
    if (rules.length === 0) return [];
    const wanted = this.accept(accountId, entries).filter((event) => {
      const fields = eventFields(eventDocument(event, region));
      return rules.some(({ pattern }) => matchesEventFields(pattern, fields));
    });
    if (wanted.length > 0) await this.store.ingest(wanted);
    return wanted.map((e) => e.id);
  }

  /** Whether the account's default bus has no enabled rule (as `publishMatched` knows its rules). */
  async quiet(accountId: string): Promise<boolean> {
    return (await this.rules.of(accountId, DEFAULT_BUS, RULES_MAX_AGE_MS)).length === 0;
  }

  private accept(accountId: string, entries: readonly BusEvent[]): AcceptedEvent[] {
    const now = this.clock.now();
    return entries.map((entry) =>
      acceptEvent(
        accountId,
        {
          source: entry.source,
          detailType: entry.detailType,
          detail: JSON.stringify(entry.detail),
          resources: entry.resources,
          time: entry.time?.getTime(),
        },
        now,
      ),
    );
  }
}
