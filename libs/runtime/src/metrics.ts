import { Controller, Get, Header, Injectable, Logger, Module } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, type Metric, Registry } from 'prom-client';

/** The Prometheus text format's content type. */
const CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

let processRegistry: Registry | undefined;

/**
 * prom-client's process metrics (CPU, memory, event loop lag, GC, handles), prefixed `switchyard_`:
 * they describe the process, so one registry serves every app a process runs (tests run many).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    // The event-loop delay is sampled every 100 ms rather than prom-client's 10: an idle server then
    // wakes ten times a second for it, not a hundred.
    collectDefaultMetrics({
      register: processRegistry,
      prefix: 'switchyard_',
      eventLoopMonitoringPrecision: 100,
    });
  }
  return processRegistry;
}

/**
 * A read shared by every caller that asks while it runs: the gauges one scrape collects at once
 * (prom-client collects all metrics concurrently) read Redis once between them.
 */
export function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () =>
    (running ??= read().finally(() => {
      running = undefined;
    }));
}

/**
 * The app's Prometheus metrics, served at `/metrics`: feature modules register theirs here (one
 * registry per app instance, not prom-client's global one), and the process metrics come with them.
 * Asking twice for a metric of one name answers the same metric.
 */
@Injectable()
export class Metrics {
  private readonly log = new Logger('Metrics');
  readonly registry = new Registry();
  private readonly backlogReaders = new Map<string, (() => Promise<number>)[]>();

  constructor() {
    processMetrics();
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return (
      this.existing(name, Counter) ?? new Counter({ name, help, labelNames, registers: [this.registry] })
    );
  }

  /** A gauge; with `collect`, its values are set when it is scraped (shared state read from Redis). */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect?: (gauge: Gauge<L>) => Promise<void>,
  ): Gauge<L> {
    const fill = collect;
    return (
      this.existing(name, Gauge) ??
      new Gauge<L>({
        name,
        help,
        labelNames,
        registers: [this.registry],
        ...(fill
          ? {
              async collect(this: Gauge<L>) {
                await fill(this);
              },
            }
          : {}),
      })
    );
  }

  histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets?: number[],
  ): Histogram<L> {
    return (
      this.existing(name, Histogram) ??
      new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) })
    );
  }

  /**
   * Adds to `switchyard_executor_backlog{work}` what `read` answers at each scrape: work of that kind
   * waiting for an executor (several readers of one kind add up). A read that fails (Redis out of
   * reach) leaves its kind out of that scrape.
   */
  backlog(work: string, read: () => Promise<number>): void {
    const readers = this.backlogReaders.get(work);
    if (readers) readers.push(read);
    else this.backlogReaders.set(work, [read]);
    this.gauge(
      'switchyard_executor_backlog',
      'Work waiting for an executor, read from Redis at scrape time: stream entries not yet read or not yet acknowledged, jobs waiting or due.',
      ['work'],
      (gauge) => this.collectBacklog(gauge),
    );
  }

  private async collectBacklog(gauge: Gauge<'work'>): Promise<void> {
    const kinds = [...this.backlogReaders];
    const values = await Promise.all(
      kinds.map(([work, readers]) =>
        Promise.all(readers.map((read) => read())).then(
          (counts) => counts.reduce((a, b) => a + b, 0),
          (e: Error) => {
            this.log.debug(`backlog of ${work} not read: ${e.message}`);
            return undefined;
          },
        ),
      ),
    );
    gauge.reset();
    kinds.forEach(([work], i) => {
      if (values[i] !== undefined) gauge.set({ work }, values[i]);
    });
  }

  /** Everything, in Prometheus's text format. */
  async exposition(): Promise<string> {
    const [process, app] = await Promise.all([processMetrics().metrics(), this.registry.metrics()]);
    return `${process}\n${app}`;
  }

  private existing<M extends Metric>(
    name: string,
    kind: abstract new (...args: never[]) => M,
  ): M | undefined {
    const metric = this.registry.getSingleMetric(name);
    if (metric === undefined) return undefined;
    if (!(metric instanceof kind)) throw new Error(`metric ${name} is registered as another kind`);
    return metric;
  }
}

@Controller('metrics')
class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('content-type', CONTENT_TYPE)
  scrape(): Promise<string> {
    return this.metrics.exposition();
  }
}

/** `/metrics` for every app (beside the AWS APIs, never signed), and the app's `Metrics`. */
@Module({ controllers: [MetricsController], providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
