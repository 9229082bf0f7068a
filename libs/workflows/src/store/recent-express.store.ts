import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { LuaScripts, REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';

/** Express runs each account's buffer keeps at most, newest first. */
export const RECENT_EXPRESS_RUNS = 1000;
/** How long a run stays in the buffer, with its history. */
export const RECENT_EXPRESS_TTL_MS = 60 * 60 * 1000;

/** An ended Express execution as the buffer keeps it (times in ms). */
export interface ExpressRunSummary {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  readonly startDate: number;
  readonly stopDate: number;
  /** Absent when larger than the buffer keeps (`inputDetails.included` false). */
  readonly input?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly inputDetails?: { readonly included: boolean };
  readonly outputDetails?: { readonly included: boolean };
  /** Set when the history was cut to what the buffer keeps per run. */
  readonly historyTruncated?: boolean;
}

/** How long ended runs wait to be written together: the buffer costs the Express hot path no round trip. */
const FLUSH_EVERY_MS = 50;
/** Runs waiting to be written at most (while Redis is out of reach); the oldest are dropped beyond. */
const MAX_PENDING = 1000;

interface PendingRun {
  readonly accountId: string;
  readonly run: ExpressRunSummary;
  readonly history: string;
}

/**
 * The recent Express executions of each account, for the console: AWS keeps no history of Express
 * runs, Switchyard keeps the last RECENT_EXPRESS_RUNS of each account for RECENT_EXPRESS_TTL_MS, each
 * with its history events (as `storeEvent` writes them). Runs that end are written together every
 * FLUSH_EVERY_MS, one Lua step per account, so a run pays no Redis round trip of its own.
 */
@Injectable()
export class RecentExpressStore implements OnModuleDestroy {
  private readonly log = new Logger('RecentExpress');
  private readonly scripts: LuaScripts;
  private pending: PendingRun[] = [];
  private timer?: NodeJS.Timeout;
  private flushing = Promise.resolve();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }

  /** Records a run that ended, with its history events (each as `storeEvent` wrote it), within FLUSH_EVERY_MS. */
  record(accountId: string, run: ExpressRunSummary, events: readonly string[]): void {
    if (this.pending.length >= MAX_PENDING) this.pending.shift();
    this.pending.push({ accountId, run, history: `[${events.join(',')}]` });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  /** Writes the runs recorded so far; resolves once they are written (or could not be). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  private async write(batch: readonly PendingRun[]): Promise<void> {
    const byAccount = new Map<string, PendingRun[]>();
    for (const p of batch) byAccount.set(p.accountId, [...(byAccount.get(p.accountId) ?? []), p]);
    await Promise.all(
      [...byAccount].map(async ([accountId, runs]) => {
        const k = this.keys.recentExpress(accountId);
        const args: string[] = [String(RECENT_EXPRESS_RUNS), String(RECENT_EXPRESS_TTL_MS / 1000)];
        for (const p of runs) args.push(p.run.executionArn, JSON.stringify(p.run), p.history);
        try {
          await this.scripts.run<number>('record-express-runs', [k.runs, k.runArns, k.histories], args);
        } catch (e) {
          this.log.warn(`${runs.length} recent Express run(s) not recorded: ${(e as Error).message}`);
        }
      }),
    );
  }

  /** The account's runs that ended within RECENT_EXPRESS_TTL_MS of `now`, newest first, at most `limit`. */
  async list(accountId: string, now: number, limit: number): Promise<ExpressRunSummary[]> {
    const raw = await this.redis.lrange(this.keys.recentExpress(accountId).runs, 0, limit - 1);
    return raw
      .map((r) => JSON.parse(r) as ExpressRunSummary)
      .filter((r) => r.stopDate > now - RECENT_EXPRESS_TTL_MS);
  }

  /**
   * A run's history events (as `storeEvent` wrote them, parsed); undefined once the buffer no longer
   * has the run.
   */
  async history(accountId: string, executionArn: string): Promise<object[] | undefined> {
    const raw = await this.redis.hget(this.keys.recentExpress(accountId).histories, executionArn);
    return raw === null ? undefined : (JSON.parse(raw) as object[]);
  }
}
