import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, Metrics } from '@switchyard/runtime';
import { expiresAt, nextAttempt } from '../domain/retry-policy';
import { type Delivery, EventFlowStore } from '../store/event-flow.store';
import { classifyFailure, type DeliveryFailure } from './delivery-failure';
import { TargetInvoker } from './target-invoker';

/** Deliveries taken at a time, attempted together. */
const BATCH = 32;
/** How long an attempt holds its delivery; a worker that dies with one leaves it due again after this. */
const LEASE_MS = 30_000;
/** The longest a worker sleeps before looking for due deliveries (a retry another process scheduled). */
const IDLE_MS = 1_000;

/**
 * Delivers events to targets: takes due deliveries (leased, so any process's worker may take those
 * a dead one held), calls the target's service, and then forgets the delivery, schedules a retry
 * (exponential backoff within the target's RetryPolicy), or dead-letters the event (to the target's
 * DeadLetterConfig queue with AWS's attributes) when the failure is not retryable or the retries are
 * spent. Without a dead-letter queue an undeliverable event is dropped, and logged.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(DeliveryWorker.name);
  private stopping = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;

  constructor(
    private readonly store: EventFlowStore,
    private readonly invoker: TargetInvoker,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.backlog('event-deliveries', () => this.store.dueCount(this.clock.now()));
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
  }

  /** New deliveries are due: stop sleeping. */
  wake(): void {
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let taken: Delivery[] = [];
      let nextDue: number | undefined;
      try {
        const now = this.clock.now();
        taken = await this.store.takeDue(now, now + LEASE_MS, BATCH);
        if (taken.length === 0) nextDue = await this.store.nextDue();
      } catch (error) {
        this.log.warn(`taking deliveries failed, retried: ${(error as Error).message}`);
      }
      if (taken.length) {
        await Promise.all(taken.map((d) => this.attempt(d)));
        continue;
      }
      const wait =
        nextDue === undefined ? IDLE_MS : Math.max(0, Math.min(IDLE_MS, nextDue - this.clock.now()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    try {
      if (this.clock.now() > expiresAt(delivery.target.RetryPolicy, delivery.acceptedAt)) {
        const failure = {
          errorCode: 'UNKNOWN',
          message: 'the event is older than its MaximumEventAgeInSeconds',
          retryable: false,
        };
        await this.giveUp(delivery, failure, 'MaximumEventAgeInSeconds');
        return;
      }
      try {
        await this.invoker.deliver(delivery);
      } catch (error) {
        await this.failed({ ...delivery, failures: delivery.failures + 1 }, classifyFailure(error));
        return;
      }
      await this.store.finish(delivery.id);
    } catch (error) {
      // The store is out of reach: the lease ends and the delivery is attempted again.
      this.log.warn(`delivery ${delivery.id} left for a later attempt: ${(error as Error).message}`);
    }
  }

  private async failed(delivery: Delivery, failure: DeliveryFailure): Promise<void> {
    if (!failure.retryable) return this.giveUp(delivery, failure);
    const now = this.clock.now();
    const next = nextAttempt(
      delivery.target.RetryPolicy,
      delivery.failures,
      delivery.acceptedAt,
      now,
      Math.random(),
    );
    if ('due' in next) return this.store.reschedule(delivery, next.due);
    return this.giveUp(delivery, failure, next.exhausted);
  }

  /** Dead-letters the event when the target has a dead-letter queue (else drops it), then forgets the delivery. */
  private async giveUp(delivery: Delivery, failure: DeliveryFailure, exhausted?: string): Promise<void> {
    const what = `event ${delivery.id.split('/')[0]} for target ${delivery.target.Id} of rule ${delivery.ruleName}`;
    if (delivery.target.DeadLetterConfig?.Arn) {
      try {
        await this.invoker.deadLetter(delivery, failure, exhausted);
      } catch (error) {
        const refusal = classifyFailure(error);
        // A dead-letter queue out of reach for now: the delivery is kept and dead-lettered again later.
        if (refusal.retryable) throw error;
        this.log.warn(
          `${what} dropped: its dead-letter queue refused it (${refusal.message}) after ${failure.message}`,
        );
      }
    } else {
      this.log.warn(`${what} dropped after ${failure.errorCode}: ${failure.message}`);
    }
    await this.store.finish(delivery.id);
  }
}
