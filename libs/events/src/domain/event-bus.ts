import { Injectable } from '@nestjs/common';
import { Clock } from '@switchyard/runtime';
import { EventFlowStore } from '../store/event-flow.store';
import { acceptEvent } from './accepted-event';

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
    private readonly clock: Clock,
  ) {}

  /** Publishes events on `accountId`'s default bus; answers their event ids, in order. */
  async publish(accountId: string, entries: readonly BusEvent[]): Promise<string[]> {
    const now = this.clock.now();
    const accepted = entries.map((entry) =>
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
    await this.store.ingest(accepted);
    return accepted.map((e) => e.id);
  }
}
