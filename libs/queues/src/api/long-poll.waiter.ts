import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { duplicateConnection, REDIS_CLIENT, type RedisClient } from '@switchyard/redis';
import { Clock } from '@switchyard/runtime';

interface Channel {
  readonly ready: Promise<unknown>;
  users: number;
  /** Sleepers in the order they lay down: a wake-up for n messages wakes the n that waited longest. */
  readonly sleepers: Set<() => void>;
  /** Wake-ups seen so far; a receive notes it before it looks, and does not sleep if it moved since. */
  wakes: number;
}

/**
 * Parks long-polling receives until a send to their queue publishes a wake-up (or a deadline passes),
 * so waiting costs no Redis traffic. One subscriber connection per process serves every queue.
 * A wake-up carries how many messages became receivable and wakes that many sleepers, not all of them,
 * so one message does not send every waiting consumer to Redis at once.
 */
@Injectable()
export class LongPollWaiter implements BeforeApplicationShutdown, OnApplicationShutdown {
  private subscriber?: RedisClient;
  private readonly channels = new Map<string, Channel>();
  private closing = false;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly clock: Clock,
  ) {}

  private connection(): RedisClient {
    if (!this.subscriber) {
      this.subscriber = duplicateConnection(this.redis, { subscriber: true });
      this.subscriber.on('message', (channel: string, message: string) =>
        this.wake(channel, Number(message)),
      );
    }
    return this.subscriber;
  }

  /** Wakes `count` sleepers of a channel (all of them when `count` is not a positive number). */
  private wake(channel: string, count = Infinity): void {
    const c = this.channels.get(channel);
    if (!c) return;
    c.wakes++;
    let left = count > 0 ? count : Infinity;
    for (const resolve of [...c.sleepers]) {
      if (left-- <= 0) break;
      resolve();
    }
  }

  /** Subscribes this receive to a queue's wake channel; resolves once the subscription is live. */
  async acquire(channel: string): Promise<void> {
    let c = this.channels.get(channel);
    if (!c) {
      c = { ready: this.connection().subscribe(channel), users: 0, sleepers: new Set(), wakes: 0 };
      this.channels.set(channel, c);
    }
    c.users++;
    try {
      await c.ready;
    } catch (e) {
      // A subscription that failed (Redis out of reach) must not stay behind for later polls to await.
      c.users--;
      if (this.channels.get(channel) === c) this.channels.delete(channel);
      throw e;
    }
  }

  /** A mark to take before looking for messages and to hand to `sleep`. */
  mark(channel: string): number {
    return this.channels.get(channel)?.wakes ?? 0;
  }

  /**
   * Sleeps until the channel is woken, `untilMs` (on the Clock) passes or `signal` aborts (the client
   * hung up); returns at once if a wake-up came after `mark`, since it may have been for a message the
   * look that found nothing just missed.
   */
  sleep(channel: string, untilMs: number, mark: number, signal?: AbortSignal): Promise<void> {
    const c = this.channels.get(channel);
    if (this.closing || !c || c.wakes !== mark || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        c.sleepers.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, untilMs - this.clock.now()));
      c.sleepers.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Ends this receive's interest; the last one out unsubscribes. */
  release(channel: string): void {
    const c = this.channels.get(channel);
    if (!c || --c.users > 0) return;
    this.channels.delete(channel);
    this.subscriber?.unsubscribe(channel).catch(() => undefined);
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /**
   * Before the HTTP server stops taking requests and waits for the open ones, every waiting receive
   * returns at once (empty), so the process drains in moments rather than a full wait time.
   */
  beforeApplicationShutdown(): void {
    this.closing = true;
    for (const channel of this.channels.keys()) this.wake(channel);
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }
}
