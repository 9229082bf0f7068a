import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { duplicateConnection, REDIS_CLIENT, type RedisClient } from '@switchyard/redis';

interface Channel {
  readonly ready: Promise<unknown>;
  users: number;
  readonly sleepers: Set<() => void>;
}

/**
 * Parks long-polling receives until a send to their queue publishes a wake-up (or a deadline passes),
 * so waiting costs no Redis traffic. One subscriber connection per process serves every queue.
 */
@Injectable()
export class LongPollWaiter implements BeforeApplicationShutdown, OnApplicationShutdown {
  private subscriber?: RedisClient;
  private readonly channels = new Map<string, Channel>();
  private closing = false;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient) {}

  private connection(): RedisClient {
    if (!this.subscriber) {
      this.subscriber = duplicateConnection(this.redis);
      this.subscriber.on('message', (channel: string) => this.wake(channel));
    }
    return this.subscriber;
  }

  private wake(channel: string): void {
    const c = this.channels.get(channel);
    if (c) for (const resolve of [...c.sleepers]) resolve();
  }

  /** Subscribes this receive to a queue's wake channel; resolves once the subscription is live. */
  async acquire(channel: string): Promise<void> {
    let c = this.channels.get(channel);
    if (!c) {
      c = { ready: this.connection().subscribe(channel), users: 0, sleepers: new Set() };
      this.channels.set(channel, c);
    }
    c.users++;
    await c.ready;
  }

  /** Sleeps until the channel is woken or `untilMs` (wall clock) passes. */
  sleep(channel: string, untilMs: number): Promise<void> {
    const c = this.channels.get(channel);
    if (this.closing || !c) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        c.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, untilMs - Date.now()));
      c.sleepers.add(done);
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
