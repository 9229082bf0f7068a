import type { RequestRecord } from './aws-router';

/** Requests answered and time spent, per service, operation and outcome. */
export interface RequestCount {
  readonly service: string;
  readonly operation: string;
  /** The HTTP status class of the answers counted here: `2xx`, `4xx` or `5xx`. */
  readonly outcome: string;
  readonly count: number;
  readonly totalMs: number;
}

/**
 * Counts what the router answers, fed by its `onRequest` observer: Nest interceptors never see AWS
 * requests (they go from Node's HTTP parser straight to the router), so this is where metrics live.
 */
export class RequestMetrics {
  private readonly counts = new Map<string, { -readonly [K in keyof RequestCount]: RequestCount[K] }>();

  record(record: RequestRecord): void {
    const service = record.service ?? 'unknown';
    const outcome = `${Math.floor(record.status / 100)}xx`;
    const key = `${service}\n${record.operation}\n${outcome}`;
    let c = this.counts.get(key);
    if (!c)
      this.counts.set(key, (c = { service, operation: record.operation, outcome, count: 0, totalMs: 0 }));
    c.count++;
    c.totalMs += record.durationMs;
  }

  /** Every count so far, sorted by service, operation and outcome. */
  snapshot(): RequestCount[] {
    return [...this.counts.values()]
      .map((c) => ({ ...c }))
      .sort((a, b) =>
        `${a.service}\n${a.operation}\n${a.outcome}` < `${b.service}\n${b.operation}\n${b.outcome}` ? -1 : 1,
      );
  }
}
