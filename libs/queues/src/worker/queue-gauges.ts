import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock, Metrics, sharedRead } from '@switchyard/runtime';
import type { Gauge } from 'prom-client';
import { type QueueCounts, QueueInspection } from '../domain/queue-inspection';
import { type QueueRef, QueueStore } from '../store/queue.store';

/** Queues read per scrape at most (the first by account and name); the cost of a scrape stays bounded. */
export const MAX_QUEUES_PER_SCRAPE = 1000;
/** Queues read at once. */
const CHUNK = 100;

interface QueueReading extends QueueCounts {
  readonly queue: string;
}

/**
 * SQS's CloudWatch gauges per queue, read from Redis when `/metrics` is scraped: the counters
 * GetQueueAttributes answers (one Lua step per queue) and the age of the oldest message, as
 * `QueueInspection` reads them for the console too. They
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
    private readonly inspection: QueueInspection,
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
      (r) => r.oldestAgeSeconds,
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
    const counts = await this.inspection.counts(queue, now);
    return counts && { queue: queue.name, ...counts };
  }
}
