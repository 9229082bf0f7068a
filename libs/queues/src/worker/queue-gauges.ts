import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { StoreError } from '@switchyard/redis';
import { Clock, Metrics, sharedRead } from '@switchyard/runtime';
import type { Gauge } from 'prom-client';
import { type QueueRef, QueueStore } from '../store/queue.store';

/** Queues read per scrape at most (the first by account and name); the cost of a scrape stays bounded. */
export const MAX_QUEUES_PER_SCRAPE = 1000;
/** Queues read at once. */
const CHUNK = 100;

interface QueueReading {
  readonly queue: string;
  readonly visible: number;
  readonly notVisible: number;
  readonly delayed: number;
  /** Seconds; 0 when the queue is empty. */
  readonly oldestAge: number;
}

/**
 * SQS's CloudWatch gauges per queue, read from Redis when `/metrics` is scraped: the counters
 * GetQueueAttributes answers (one Lua step per queue) and the age of the oldest message. They
 * describe state every process shares, so only the processes that run the queue workers (executors,
 * the all-in-one server) report them, each the same values: aggregate replicas with `max by (queue)`.
 */
@Injectable()
export class QueueGauges implements OnModuleInit {
  private readonly log = new Logger(QueueGauges.name);
  /** The readings, or none while Redis cannot be read (the scrape goes on without them). */
  private readonly read = sharedRead(() =>
    this.readQueues().catch((e: Error) => {
      this.log.debug(`queue gauges not read: ${e.message}`);
      return [];
    }),
  );

  constructor(
    private readonly metrics: Metrics,
    private readonly store: QueueStore,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const gauge = (name: string, help: string, value: (r: QueueReading) => number) =>
      this.metrics.gauge(name, help, ['queue'], async (g: Gauge<'queue'>) => {
        const readings = await this.read();
        g.reset();
        for (const r of readings) g.set({ queue: r.queue }, value(r));
      });
    gauge(
      'switchyard_sqs_approximate_number_of_messages_visible',
      'Messages available for retrieval (ApproximateNumberOfMessagesVisible), read at scrape time.',
      (r) => r.visible,
    );
    gauge(
      'switchyard_sqs_approximate_number_of_messages_not_visible',
      'Messages received and not yet deleted or visible again (ApproximateNumberOfMessagesNotVisible), read at scrape time.',
      (r) => r.notVisible,
    );
    gauge(
      'switchyard_sqs_approximate_number_of_messages_delayed',
      'Messages delayed and not yet available (ApproximateNumberOfMessagesDelayed), read at scrape time.',
      (r) => r.delayed,
    );
    gauge(
      'switchyard_sqs_approximate_age_of_oldest_message_seconds',
      'Age of the oldest message in the queue, in seconds (ApproximateAgeOfOldestMessage), read at scrape time.',
      (r) => r.oldestAge,
    );
  }

  private async readQueues(): Promise<QueueReading[]> {
    const queues: QueueRef[] = [];
    for await (const queue of this.store.allQueues()) {
      queues.push(queue);
      if (queues.length >= MAX_QUEUES_PER_SCRAPE) break;
    }
    const readings: QueueReading[] = [];
    const now = this.clock.now();
    for (let i = 0; i < queues.length; i += CHUNK) {
      const read = await Promise.all(queues.slice(i, i + CHUNK).map((queue) => this.readQueue(queue, now)));
      for (const reading of read) if (reading) readings.push(reading);
    }
    return readings;
  }

  /** One queue's gauges; undefined for a queue deleted since it was listed. */
  private async readQueue(queue: QueueRef, now: number): Promise<QueueReading | undefined> {
    try {
      const [snapshot, oldest] = await Promise.all([
        this.store.snapshot(queue, now),
        this.store.oldestSentAt(queue),
      ]);
      return {
        queue: queue.name,
        visible: snapshot.visible,
        notVisible: snapshot.notVisible,
        delayed: snapshot.delayed,
        oldestAge: oldest === undefined ? 0 : Math.max(0, Math.floor((now - oldest) / 1000)),
      };
    } catch (e) {
      if (e instanceof StoreError && e.code === 'NOT_FOUND') return undefined;
      throw e;
    }
  }
}
