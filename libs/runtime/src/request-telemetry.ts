import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestObserver, RequestRecord } from '@switchyard/aws-wire';
import type { Counter, Histogram } from 'prom-client';
import { Metrics } from './metrics';

/** Whether every answered request is logged (at debug level). */
export const LOG_EVERY_REQUEST = Symbol('LOG_EVERY_REQUEST');

/** Request durations, in seconds: from a cached read to a long poll's 20 s. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];

interface Series {
  readonly count: Counter.Internal;
  readonly time: Histogram.Internal<'service' | 'operation'>;
}

/**
 * What the router tells about every answered request (its `onRequest` observer, the one place on the
 * request path for metrics and logs): RED metrics per service and operation, InternalFailure logged
 * with its stack, and, at debug level, one line per request. Operations a request made up count as
 * `unknown`, so the labels stay as many as the models' operations.
 */
@Injectable()
export class RequestTelemetry implements RequestObserver {
  private readonly log = new Logger('AwsRouter');
  private readonly requests: Counter<'service' | 'operation' | 'status'>;
  private readonly duration: Histogram<'service' | 'operation'>;
  private readonly series = new Map<string, Series>();

  constructor(
    metrics: Metrics,
    @Inject(LOG_EVERY_REQUEST) private readonly logEveryRequest: boolean,
  ) {
    this.requests = metrics.counter(
      'switchyard_requests_total',
      'AWS API requests answered, by service, operation and HTTP status class (2xx, 4xx, 5xx).',
      ['service', 'operation', 'status'],
    );
    this.duration = metrics.histogram(
      'switchyard_request_duration_seconds',
      'Time to answer AWS API requests (long polls included), by service and operation.',
      ['service', 'operation'],
      DURATION_BUCKETS,
    );
  }

  onRequest(record: RequestRecord): void {
    const service = record.service ?? 'unknown';
    const operation = record.operationKnown ? record.operation : 'unknown';
    const status = `${Math.floor(record.status / 100)}xx`;
    const key = `${service}\n${operation}\n${status}`;
    let series = this.series.get(key);
    if (!series) {
      series = {
        count: this.requests.labels({ service, operation, status }),
        time: this.duration.labels({ service, operation }),
      };
      this.series.set(key, series);
    }
    series.count.inc();
    series.time.observe(record.durationMs / 1000);
    if (record.internalError !== undefined) {
      const e = record.internalError;
      this.log.error({
        requestId: record.requestId,
        msg: `${service}.${record.operation} failed: ${(e as Error)?.stack ?? String(e)}`,
      });
    } else if (this.logEveryRequest) {
      this.log.debug({
        requestId: record.requestId,
        msg: `${service}.${record.operation} ${record.status}${record.errorCode ? ` ${record.errorCode}` : ''} in ${record.durationMs.toFixed(1)} ms`,
      });
    }
  }
}
