import type { Logger } from '@nestjs/common';
import { duplicateConnection, type RedisClient } from '@switchyard/redis';
import { streamBacklog } from '@switchyard/runtime';
import { WORK_GROUP } from '../store/execution.store';

/** One entry of a work stream, as its handler gets it. */
export interface WorkEntry {
  readonly id: string;
  /** The entry's work item, as encoded; undefined for an entry deleted before it was claimed. */
  readonly text?: string;
  /** Read by an executor that died before acknowledging it: its work may have been done, in part. */
  readonly claimed: boolean;
}

/** Does one entry's work; the entry is acknowledged once it resolves, and claimed again if it throws. */
export type WorkHandler = (entry: WorkEntry) => Promise<void>;

export interface WorkStreamOptions {
  /** Entries handled at once. */
  readonly limit: number;
  /** Entries taken per read: fewer than `limit` leaves the rest of a burst to other executors. */
  readonly perRead: number;
  /** How long a read entry may stay untouched before another executor takes it over. */
  readonly claimIdleMs: number;
  /** How often entries dead executors read and never acknowledged are claimed. */
  readonly claimEveryMs: number;
  /**
   * After a read that found fewer entries than it asked for, how long entries gather before the next read
   * (none when unset). The first entry after a quiet spell is taken at once; under a steady trickle
   * each read then takes several, which share one round trip, one acknowledgement and one wake-up,
   * for at most this much more latency for the entries behind the first.
   */
  readonly gatherMs?: number;
  /** What a failed entry's log line says it was for (its execution), from the entry's text. */
  readonly describe: (text: string) => string;
}

/**
 * One Redis stream of work shared by every executor through the `executors` consumer group: any
 * executor takes any entry, a handler that runs long keeps its entry its own (`keep`), and an entry
 * is acknowledged and deleted once its handler is done (a failed handler's entry is claimed again
 * later, as a crashed executor's is), so the stream is as long as the work in flight.
 */
export class WorkStream {
  private reader?: RedisClient;
  private stopping = false;
  private loop?: Promise<void>;
  private claims?: NodeJS.Timeout;
  private readonly active = new Set<Promise<void>>();
  /** Entries handled in this tick, acknowledged together once it ends. */
  private finishing?: { readonly ids: string[]; readonly flushed: Promise<unknown> };

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly consumer: string,
    private readonly options: WorkStreamOptions,
    private readonly handle: WorkHandler,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.key, WORK_GROUP, '0', 'MKSTREAM');
    } catch (e) {
      if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
    }
    this.reader = duplicateConnection(this.redis);
    this.claims = setInterval(
      () => void this.claimAbandoned().catch(() => undefined),
      this.options.claimEveryMs,
    );
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.claims) clearInterval(this.claims);
    await this.loop;
    await Promise.allSettled([...this.active]);
    this.reader?.disconnect();
  }

  /** Entries not yet done with. */
  backlog(): Promise<number> {
    return streamBacklog(this.redis, this.key, WORK_GROUP);
  }

  /** Keeps an entry this executor works on its own (it does not look abandoned). */
  keep(id: string): Promise<unknown> {
    return this.redis.xclaim(this.key, WORK_GROUP, this.consumer, 0, id, 'JUSTID');
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (this.active.size >= this.options.limit) {
        await Promise.race([...this.active]);
        continue;
      }
      const count = Math.min(this.options.perRead, this.options.limit - this.active.size);
      let reply: [string, [string, string[]][]][] | null = null;
      try {
        reply = (await this.reader!.xreadgroup(
          'GROUP',
          WORK_GROUP,
          this.consumer,
          'COUNT',
          count,
          'BLOCK',
          1000,
          'STREAMS',
          this.key,
          '>',
        )) as [string, [string, string[]][]][] | null;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      const read = reply?.[0]?.[1] ?? [];
      for (const [id, fields] of read) this.begin({ id, text: fields?.[1], claimed: false });
      // A read that took all that had come: let more come before the next.
      if (this.options.gatherMs && read.length > 0 && read.length < count)
        await new Promise((r) => setTimeout(r, this.options.gatherMs));
    }
  }

  private begin(entry: WorkEntry): void {
    const work = this.handle(entry)
      .then(() => this.done(entry.id))
      .then(
        () => undefined,
        (e: Error) =>
          this.log.warn(
            `work item ${entry.id} (${entry.text === undefined ? 'deleted' : this.options.describe(entry.text)}) failed, retried later: ${e.message}`,
          ),
      );
    this.active.add(work);
    void work.finally(() => this.active.delete(work));
  }

  /**
   * Acknowledges and deletes a handled entry, with every other entry handled in the same tick: one
   * XACK and one XDEL for all the executions one reply packet let finish.
   */
  private done(id: string): Promise<unknown> {
    if (!this.finishing) {
      const ids: string[] = [];
      const flushed = new Promise<unknown>((resolve, reject) =>
        process.nextTick(() => {
          this.finishing = undefined;
          Promise.all([
            this.redis.xack(this.key, WORK_GROUP, ...ids),
            this.redis.xdel(this.key, ...ids),
          ]).then(resolve, reject);
        }),
      );
      this.finishing = { ids, flushed };
    }
    this.finishing.ids.push(id);
    return this.finishing.flushed;
  }

  /** Entries another executor read and never acknowledged (it died): this one takes them over. */
  private async claimAbandoned(): Promise<void> {
    if (this.stopping) return;
    const [, entries] = (await this.redis.xautoclaim(
      this.key,
      WORK_GROUP,
      this.consumer,
      this.options.claimIdleMs,
      '0-0',
      'COUNT',
      this.options.limit,
    )) as [string, [string, string[] | null][]];
    for (const [id, fields] of entries) this.begin({ id, text: fields?.[1], claimed: true });
  }
}
