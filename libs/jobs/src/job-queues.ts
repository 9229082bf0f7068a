import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type Processor, Queue, Worker, type WorkerOptions } from 'bullmq';
import { duplicateConnection, REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';

/** Worker settings a feature may choose; the connection and key prefix belong to JobQueues. */
/** How long a running job's lock lasts unless renewed (BullMQ renews it at half that while the job runs). */
const STALLED_LOCK_MS = 10_000;
/** How often workers look for jobs whose lock lapsed (their worker died) and take them up again. */
const STALLED_CHECK_MS = 5_000;

export type JobWorkerOptions = Omit<WorkerOptions, 'connection' | 'prefix'>;

/**
 * The BullMQ queues and workers of this process. Each feature's jobs live under its own hash-tagged
 * prefix (`RedisKeys.jobsPrefix`); all of them share one connection made for BullMQ, opened on
 * first use so a process that never touches jobs never connects. On shutdown the workers finish
 * their active jobs first, then the queues and the connection close.
 */
@Injectable()
export class JobQueues implements OnApplicationShutdown {
  private readonly log = new Logger(JobQueues.name);
  private connection?: RedisClient;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private closed = false;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** The queue `name` of `feature`, for adding jobs; one instance per name, made on first use. */
  queue<T>(feature: string, name: string): Queue<T> {
    const connection = this.shared();
    const prefix = this.keys.jobsPrefix(feature);
    const id = `${prefix}:${name}`;
    let queue = this.queues.get(id);
    if (!queue) {
      queue = new Queue<T>(name, { connection, prefix });
      queue.on('error', this.logError(`queue ${id}`));
      this.queues.set(id, queue);
    }
    return queue as Queue<T>;
  }

  /**
   * Jobs of queue `name` of `feature` waiting for a worker: waiting, prioritized, and delayed ones
   * whose time has come (BullMQ scores a delayed job by its due time in ms × 4096); a retry still
   * backing off is not counted.
   */
  async backlog(feature: string, name: string, nowMs = Date.now()): Promise<number> {
    const queue = this.queue(feature, name);
    const [counts, due] = await Promise.all([
      queue.getJobCounts('wait', 'prioritized'),
      this.shared().zcount(queue.keys.delayed, 0, (nowMs + 1) * 0x1000 - 1),
    ]);
    return (counts.wait ?? 0) + (counts.prioritized ?? 0) + due;
  }

  /**
   * Starts a worker that runs `processor` for the jobs of queue `name` of `feature`. A job whose
   * worker died (SIGKILL, a lost host) is taken up again within about 15 s, not BullMQ's default of
   * up to a minute: its lock lasts 10 s (renewed every 5 s while the job runs) and stalled jobs are
   * looked for every 5 s.
   */
  worker<T>(
    feature: string,
    name: string,
    processor: Processor<T>,
    options: JobWorkerOptions = {},
  ): Worker<T> {
    const prefix = this.keys.jobsPrefix(feature);
    const worker = new Worker<T>(name, processor, {
      lockDuration: STALLED_LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      ...options,
      connection: this.shared(),
      prefix,
    });
    worker.on('error', this.logError(`worker ${prefix}:${name}`));
    this.workers.push(worker);
    return worker;
  }

  /** The connection every queue and worker shares; refused once shutdown has begun. */
  private shared(): RedisClient {
    if (this.closed) throw new Error('JobQueues is shut down');
    return (this.connection ??= duplicateConnection(this.redis, { forJobs: true }));
  }

  /** BullMQ reports connection trouble as 'error' events; without a listener they reach stderr unlabelled. */
  private logError(label: string): (err: Error) => void {
    return (err) => this.log.warn(`${label}: ${err.message}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    // With Redis out of reach a graceful close would wait for it forever, and active jobs could not
    // record their outcome anyway: stop at once (BullMQ hands a stalled job to another worker).
    const reachable = this.connection === undefined || this.connection.status === 'ready';
    // Workers first: closing one waits for its active jobs, which record their outcome over the shared
    // connection and may still add jobs to a queue.
    await Promise.all(this.workers.map((w) => w.close(!reachable)));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    if (reachable) await this.connection?.quit().catch(() => this.connection?.disconnect());
    else this.connection?.disconnect();
  }
}
