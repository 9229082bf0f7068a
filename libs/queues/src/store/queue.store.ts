import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  checkReply,
  LuaScripts,
  type QueueKeys,
  REDIS_CLIENT,
  type RedisClient,
  RedisKeys,
  StoreCode,
} from '@switchyard/redis';

/** The entity name queue scripts' store errors carry (`StoreError.entity`). */
export const QUEUE = 'queue';

/** Where a queue lives: its owner account and name. */
export interface QueueRef {
  readonly accountId: string;
  readonly name: string;
}

/** A message to enqueue. */
export interface OutgoingMessage {
  readonly id: string;
  /** Per-message delay; undefined takes the queue's DelaySeconds. */
  readonly delaySeconds?: number;
  /** Size that counts against MaximumMessageSize: body plus attribute names, types and values. */
  readonly size: number;
  /** Original enqueue time, kept across redrives; undefined means now. */
  readonly sentAt?: number;
  /** FIFO: the message group. */
  readonly groupId?: string;
  /** FIFO: the client's MessageDeduplicationId. */
  readonly deduplicationId?: string;
  /** FIFO: SHA-256 of the body, the de-duplication id when the queue has ContentBasedDeduplication. */
  readonly contentHash?: string;
  readonly encoded: string;
}

/** Outcome of one message of a send. */
export type SendStatus = 'stored' | 'duplicate' | 'too-large' | 'no-deduplication-id';

const SEND_STATUS: Record<string, SendStatus> = {
  1: 'stored',
  0: 'duplicate',
  [StoreCode.TOO_LARGE]: 'too-large',
  [StoreCode.MISSING]: 'no-deduplication-id',
};

/** What happened to one message of a send: for a duplicate, the id and sequence are the original's. */
export interface SendOutcome {
  readonly status: SendStatus;
  readonly id: string;
  /** FIFO sequence number (per queue, increasing). */
  readonly sequence?: number;
}

export interface SendResult {
  readonly outcomes: SendOutcome[];
  /** The queue's MaximumMessageSize. */
  readonly maxSize: number;
}

function hasOptionalFields(m: OutgoingMessage): boolean {
  return (
    m.delaySeconds !== undefined ||
    m.sentAt !== undefined ||
    m.groupId !== undefined ||
    m.deduplicationId !== undefined ||
    m.contentHash !== undefined
  );
}

/** FIFO queues are exactly the queues whose names end in .fifo (AWS enforces both directions). */
export function isFifoQueue(queue: QueueRef): boolean {
  return queue.name.endsWith('.fifo');
}

/** One received message with its receive bookkeeping. */
export interface ReceivedMessage {
  readonly id: string;
  readonly receiveCount: number;
  readonly firstReceivedAt: number;
  /** When this receive happened (a retried FIFO receive reports the original one). */
  readonly receivedAt: number;
  readonly encoded: string;
}

export interface ReceiveResult {
  readonly messages: ReceivedMessage[];
  /** The queue's ReceiveMessageWaitTimeSeconds. */
  readonly queueWaitSeconds: number;
  /** When nothing was receivable: the earliest time a message becomes visible, if any. */
  readonly nextVisibleAt?: number;
  /** How many messages this receive moved to the dead-letter outbox. */
  readonly deadLettered: number;
  /** Whether the queue had as many messages in flight as the receive's limit allows, so it took none. */
  readonly atInFlightLimit: boolean;
}

export interface QueueSnapshot {
  readonly attributes: Record<string, string>;
  readonly visible: number;
  readonly notVisible: number;
  readonly delayed: number;
}

/** Where a message is, as the console shows it. */
export type PeekedState = 'visible' | 'inFlight' | 'delayed';

/** A message read without a side effect, with its receive bookkeeping. */
export interface PeekedMessage {
  readonly id: string;
  readonly state: PeekedState;
  readonly receiveCount: number;
  /** When it was first received (ms); undefined when it never was. */
  readonly firstReceivedAt?: number;
  readonly encoded: string;
}

/** What a peek found: the matches, how many messages it examined, and whether others were left unexamined. */
export interface PeekResult {
  readonly messages: PeekedMessage[];
  readonly examined: number;
  readonly truncated: boolean;
}

/** A message identified by a receipt: which message, and which receive of it. */
export interface Receipt {
  readonly id: string;
  readonly receiveCount: number;
}

export type DeleteStatus = 'deleted' | 'gone' | 'stale';
export type UndoStatus = 'undone' | 'stale';
export type VisibilityStatus = 'changed' | 'no-such-receipt' | 'not-inflight';

/** At most this many tags per queue. */
export const MAX_TAGS = 50;

const MAX_CACHED_ADDRESSES = 10_000;

interface QueueAddress {
  readonly keys: QueueKeys;
  readonly list: readonly string[];
  readonly groupPrefix: string;
}

/** The only code that talks to Redis about queues: every mutation is one Lua script. */
@Injectable()
export class QueueStore {
  private readonly scripts: LuaScripts;
  private readonly addresses = new Map<string, QueueAddress>();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = new LuaScripts(redis, join(__dirname, 'lua'));
  }

  queueKeys(queue: QueueRef): QueueKeys {
    return this.addressOf(queue).keys;
  }

  /** Keys, their script order and the FIFO prefix of a queue, built once per queue (hot path: every request). */
  private addressOf(queue: QueueRef): QueueAddress {
    const id = `${queue.accountId}/${queue.name}`;
    let address = this.addresses.get(id);
    if (!address) {
      if (this.addresses.size >= MAX_CACHED_ADDRESSES) this.addresses.clear();
      const k = this.keys.queue(queue.accountId, queue.name);
      address = {
        keys: k,
        // The nineteen keys every message script takes, in lib/queue-keys.lua order.
        list: [
          k.meta,
          k.bodies,
          k.receiveCounts,
          k.firstReceived,
          k.visibleAt,
          k.inflight,
          k.delayed,
          k.sentAt,
          k.deadLetters,
          k.waiters,
          k.groupReady,
          k.groupInflight,
          k.messageGroups,
          k.groups,
          k.deduplication,
          k.deduplicationExpiry,
          k.groupsDue,
          k.laneDelayed,
          k.ready,
        ],
        // The queue mode every message script reads first: F(IFO) or S(tandard), then the prefix of
        // its per-group keys (FIFO group lists, fair-queue lanes).
        groupPrefix: `${isFifoQueue(queue) ? 'F' : 'S'}${k.groupListPrefix}`,
      };
      this.addresses.set(id, address);
    }
    return address;
  }

  private keyList(queue: QueueRef): readonly string[] {
    return this.addressOf(queue).list;
  }

  private groupPrefix(queue: QueueRef): string {
    return this.addressOf(queue).groupPrefix;
  }

  /** Creates a queue, or returns false when one with matching given attributes exists. */
  async createQueue(
    queue: QueueRef,
    attributes: Record<string, string>,
    given: readonly string[],
    tags: Record<string, string>,
  ): Promise<boolean> {
    const pairs = Object.entries(attributes).flat();
    const k = this.queueKeys(queue);
    // EXISTS carries the name of the attribute that differs.
    const result = checkReply(
      QUEUE,
      await this.scripts.run<number | [number, string?]>(
        'create-queue',
        [k.meta, k.deletedRecently],
        [given.length, ...given, ...pairs],
      ),
    );
    if (result === 1 && Object.keys(tags).length > 0) await this.redis.hset(this.queueKeys(queue).tags, tags);
    // The index lives on the account's slot; CreateQueue is idempotent, so a retry repairs a missed entry.
    await this.redis.zadd(this.keys.queueIndex(queue.accountId), 0, queue.name);
    await this.redis.sadd(this.keys.accountIndex(), queue.accountId);
    return result === 1;
  }

  /** Deletes a queue; CreateQueue of its name is refused for `cooldownMs` afterwards (AWS: 60 s). */
  async deleteQueue(queue: QueueRef, cooldownMs: number): Promise<void> {
    const k = this.queueKeys(queue);
    const keys = [
      ...this.keyList(queue),
      k.tags,
      this.keys.moveTasks(queue.accountId, queue.name),
      k.deletedRecently,
    ];
    const result = await this.scripts.run<number>('delete-queue', keys, [
      this.groupPrefix(queue),
      cooldownMs,
    ]);
    await this.redis.zrem(this.keys.queueIndex(queue.accountId), queue.name);
    checkReply(QUEUE, result);
  }

  /** Queue names of an account in name order, from `after` (exclusive), starting with `prefix`. */
  async listQueueNames(
    accountId: string,
    prefix: string,
    after: string | undefined,
    limit: number,
  ): Promise<string[]> {
    const start = after !== undefined && after >= prefix ? `(${after}` : `[${prefix}`;
    const end = prefix ? `[${prefix}\xff` : '+';
    return this.redis.zrangebylex(this.keys.queueIndex(accountId), start, end, 'LIMIT', 0, limit);
  }

  /** Every queue of every account, page by page, for background sweeps. */
  async *allQueues(): AsyncGenerator<QueueRef> {
    for (const accountId of await this.redis.smembers(this.keys.accountIndex())) {
      let after: string | undefined;
      for (;;) {
        const names = await this.listQueueNames(accountId, '', after, 500);
        for (const name of names) yield { accountId, name };
        if (names.length < 500) break;
        after = names[names.length - 1];
      }
    }
  }

  async exists(queue: QueueRef): Promise<boolean> {
    return (await this.redis.exists(this.queueKeys(queue).meta)) === 1;
  }

  async snapshot(queue: QueueRef, now: number): Promise<QueueSnapshot> {
    const r = await this.scripts.run<(string | number)[]>('queue-attributes', this.keyList(queue), [
      this.groupPrefix(queue),
      now,
    ]);
    checkReply(QUEUE, r);
    const attributes: Record<string, string> = {};
    for (let i = 3; i < r.length; i += 2) attributes[String(r[i])] = String(r[i + 1]);
    return { visible: Number(r[0]), notVisible: Number(r[1]), delayed: Number(r[2]), attributes };
  }

  /** When the oldest message the queue holds (received or not) was sent, in ms; undefined when it holds none. */
  async oldestSentAt(queue: QueueRef): Promise<number | undefined> {
    const k = this.queueKeys(queue);
    // The oldest of those in the sorted sets, or the head of those never received (`<sent>:<id>`).
    const [[, score], head] = await Promise.all([
      this.redis.zrange(k.sentAt, 0, 0, 'WITHSCORES'),
      this.redis.lindex(k.ready, 0),
    ]);
    const times = [score, head?.slice(0, head.indexOf(':'))].filter((t) => t !== undefined).map(Number);
    return times.length ? Math.min(...times) : undefined;
  }

  /**
   * Reads messages in send order without any side effect (no receive counted, no visibility changed):
   * at most `maxExamined` examined, at most `limit` answered; with `search`, only the message whose
   * id it is and those whose body contains it (case-sensitive). StoreError NOT_FOUND for no queue.
   */
  async peek(
    queue: QueueRef,
    now: number,
    options: { readonly maxExamined: number; readonly limit: number; readonly search?: string },
  ): Promise<PeekResult> {
    const search = options.search ?? '';
    const r = await this.scripts.run<(string | number)[]>('peek-messages', this.keyList(queue), [
      this.groupPrefix(queue),
      now,
      options.maxExamined,
      options.limit,
      search,
      JSON.stringify(search).slice(1, -1),
    ]);
    checkReply(QUEUE, r);
    const messages: PeekedMessage[] = [];
    for (let i = 2; i < r.length; i += 5) {
      messages.push({
        id: String(r[i]),
        state: String(r[i + 1]) as PeekedState,
        receiveCount: Number(r[i + 2]),
        firstReceivedAt: r[i + 3] === '' ? undefined : Number(r[i + 3]),
        encoded: String(r[i + 4]),
      });
    }
    return { messages, examined: Number(r[0]), truncated: Number(r[1]) === 1 };
  }

  /** Stored attributes only (no counters); undefined when the queue does not exist. */
  async attributes(queue: QueueRef): Promise<Record<string, string> | undefined> {
    const meta = await this.redis.hgetall(this.queueKeys(queue).meta);
    return Object.keys(meta).length ? meta : undefined;
  }

  async setAttributes(queue: QueueRef, attributes: Record<string, string>): Promise<void> {
    const r = await this.scripts.run<number>(
      'set-queue-attributes',
      [this.queueKeys(queue).meta],
      Object.entries(attributes).flat(),
    );
    checkReply(QUEUE, r);
  }

  /**
   * Enqueues messages in one atomic step. `send` is a client send (FIFO queues de-duplicate it);
   * `move` re-homes already accepted messages (redrives, move tasks) and skips de-duplication.
   */
  async send(
    queue: QueueRef,
    now: number,
    messages: readonly OutgoingMessage[],
    mode: 'send' | 'move' = 'send',
  ): Promise<SendResult> {
    // A client send to a standard queue whose messages have every optional field at its default
    // passes three fields a message, not eight.
    const full = mode !== 'send' || isFifoQueue(queue) || messages.some(hasOptionalFields);
    const args: (string | number)[] = [
      this.groupPrefix(queue),
      now,
      this.queueKeys(queue).wakeChannel,
      mode,
      full ? 8 : 3,
    ];
    for (const m of messages) {
      if (!full) args.push(m.id, m.size, m.encoded);
      else
        args.push(
          m.id,
          m.delaySeconds ?? '',
          m.size,
          m.sentAt ?? '',
          m.groupId ?? '',
          m.deduplicationId ?? '',
          m.contentHash ?? '',
          m.encoded,
        );
    }
    const r = await this.scripts.run<(number | string)[]>('send-messages', this.keyList(queue), args);
    checkReply(QUEUE, r);
    if (!full) {
      // Three fields a message: the reply names only the positions of those too large.
      const tooLarge = new Set(r.slice(2).map(Number));
      return {
        maxSize: Number(r[1]),
        outcomes: messages.map((m, i) => ({
          status: tooLarge.has(i + 1) ? 'too-large' : 'stored',
          id: m.id,
        })),
      };
    }
    const outcomes: SendOutcome[] = [];
    for (let i = 2, m = 0; i < r.length; i += 3, m++) {
      const status = SEND_STATUS[Number(r[i])];
      const id = r[i + 1] === '' ? messages[m].id : String(r[i + 1]);
      outcomes.push({ status, id, sequence: r[i + 2] === '' ? undefined : Number(r[i + 2]) });
    }
    return { maxSize: Number(r[1]), outcomes };
  }

  /**
   * Receives up to `max` messages, hiding them for `visibilitySeconds` (undefined: the queue's
   * VisibilityTimeout). With `maxInFlight`, no more than that many are ever in flight at once: a
   * receive at the limit takes none and says so (`atInFlightLimit`).
   */
  async receive(
    queue: QueueRef,
    now: number,
    max: number,
    visibilitySeconds: number | undefined,
    waitMs: number,
    receiveAttemptId?: string,
    maxInFlight?: number,
  ): Promise<ReceiveResult> {
    const fifo = isFifoQueue(queue);
    const args: (string | number)[] = [
      this.groupPrefix(queue),
      now,
      max,
      visibilitySeconds ?? '',
      waitMs,
      maxInFlight ?? '',
    ];
    if (fifo)
      args.push(receiveAttemptId ? `${this.queueKeys(queue).receiveAttemptPrefix}${receiveAttemptId}` : '');
    const r = await this.scripts.run<(string | number)[]>(
      fifo ? 'receive-fifo-messages' : 'receive-messages',
      this.keyList(queue),
      args,
    );
    checkReply(QUEUE, r);
    const messages: ReceivedMessage[] = [];
    for (let i = 4; i < r.length; i += 5) {
      messages.push({
        id: String(r[i]),
        receiveCount: Number(r[i + 1]),
        firstReceivedAt: Number(r[i + 2]),
        receivedAt: Number(r[i + 3]),
        encoded: String(r[i + 4]),
      });
    }
    return {
      messages,
      queueWaitSeconds: Number(r[0]),
      nextVisibleAt: r[1] === '' ? undefined : Number(r[1]),
      deadLettered: Number(r[2]),
      atInFlightLimit: Number(r[3]) === 1,
    };
  }

  /**
   * Undoes receives whose answer could not be delivered: each message whose latest receive is still
   * the given one becomes receivable at once with that receive not counted; one received again since
   * is left alone (`stale`). A ReceiveRequestAttemptId the receive remembered is forgotten.
   */
  async undoReceive(
    queue: QueueRef,
    now: number,
    receipts: readonly Receipt[],
    receiveAttemptId?: string,
  ): Promise<UndoStatus[]> {
    const k = this.queueKeys(queue);
    const args: (string | number)[] = [
      this.groupPrefix(queue),
      now,
      k.wakeChannel,
      receiveAttemptId && isFifoQueue(queue) ? `${k.receiveAttemptPrefix}${receiveAttemptId}` : '',
    ];
    for (const r of receipts) args.push(r.id, r.receiveCount);
    const r = await this.scripts.run<number[]>('undo-receive', this.keyList(queue), args);
    return checkReply(QUEUE, r)
      .slice(1)
      .map((s) => (s === 1 ? 'undone' : 'stale'));
  }

  async delete(queue: QueueRef, receipts: readonly Receipt[]): Promise<DeleteStatus[]> {
    const r = await this.scripts.run<number[]>('delete-messages', this.keyList(queue), [
      this.groupPrefix(queue),
      this.queueKeys(queue).wakeChannel,
      ...receipts.flatMap((x) => [x.id, x.receiveCount]),
    ]);
    return checkReply(QUEUE, r)
      .slice(1)
      .map((s) => (s === 1 ? 'deleted' : s === 0 ? 'gone' : 'stale'));
  }

  async changeVisibility(
    queue: QueueRef,
    now: number,
    changes: readonly (Receipt & { timeoutSeconds: number })[],
  ): Promise<VisibilityStatus[]> {
    const args: (string | number)[] = [this.groupPrefix(queue), now, this.queueKeys(queue).wakeChannel];
    for (const c of changes) args.push(c.id, c.receiveCount, c.timeoutSeconds);
    const r = await this.scripts.run<number[]>('change-visibility', this.keyList(queue), args);
    return checkReply(QUEUE, r)
      .slice(1)
      .map((s) => (s === 1 ? 'changed' : s === StoreCode.STALE ? 'no-such-receipt' : 'not-inflight'));
  }

  async purge(queue: QueueRef, now: number): Promise<void> {
    const r = await this.scripts.run<number>('purge-queue', this.keyList(queue), [
      this.groupPrefix(queue),
      now,
    ]);
    checkReply(QUEUE, r);
  }

  /** Removes up to `limit` messages past retention; returns how many. */
  async expire(queue: QueueRef, now: number, limit: number): Promise<number> {
    const r = await this.scripts.run<number>('expire-messages', this.keyList(queue), [
      this.groupPrefix(queue),
      now,
      limit,
    ]);
    return r === StoreCode.NOT_FOUND ? 0 : r;
  }

  /** Messages waiting in the dead-letter outbox (read only; `finishDeadLetters` removes them). */
  async pendingDeadLetters(queue: QueueRef, limit: number): Promise<{ id: string; encoded: string }[]> {
    const k = this.queueKeys(queue);
    const ids = await this.redis.lrange(k.deadLetters, 0, limit - 1);
    if (ids.length === 0) return [];
    const bodies = await this.redis.hmget(k.bodies, ...ids);
    return ids.flatMap((id, i) => (bodies[i] === null ? [] : [{ id, encoded: bodies[i] as string }]));
  }

  async finishDeadLetters(queue: QueueRef, ids: readonly string[]): Promise<void> {
    if (ids.length)
      await this.scripts.run('finish-dead-letters', this.keyList(queue), [this.groupPrefix(queue), ...ids]);
  }

  /** Adds (`statement` given) or removes the policy statement `label`; false when the label exists / is missing. */
  async editPolicy(
    queue: QueueRef,
    label: string,
    statement: object | undefined,
    policyId: string,
    nowSeconds: number,
  ): Promise<boolean> {
    const r = await this.scripts.run<number>(
      'edit-policy',
      [this.queueKeys(queue).meta],
      [statement ? 'add' : 'remove', label, statement ? JSON.stringify(statement) : '', policyId, nowSeconds],
    );
    // A label in use (add) or not found (remove) is the caller's answer, not a condition of the queue.
    if (r === StoreCode.EXISTS || r === StoreCode.NO_SUCH_ITEM) return false;
    return checkReply(QUEUE, r) === 1;
  }

  /** Adds or overwrites tags in one step, refusing (LIMIT_EXCEEDED) more than MAX_TAGS in all. */
  async tag(queue: QueueRef, tags: Record<string, string>): Promise<void> {
    const k = this.queueKeys(queue);
    checkReply(
      QUEUE,
      await this.scripts.run<number>(
        'tag-queue',
        [k.meta, k.tags],
        [MAX_TAGS, ...Object.entries(tags).flat()],
      ),
    );
  }

  async untag(queue: QueueRef, keys: readonly string[]): Promise<void> {
    if (keys.length) await this.redis.hdel(this.queueKeys(queue).tags, ...keys);
  }

  async tags(queue: QueueRef): Promise<Record<string, string>> {
    return this.redis.hgetall(this.queueKeys(queue).tags);
  }

  /** Records that `source` dead-letters into `target` (an index for ListDeadLetterSourceQueues). */
  async linkDeadLetterSource(target: QueueRef, source: QueueRef, linked: boolean): Promise<void> {
    const key = this.keys.deadLetterSources(target.accountId, target.name);
    if (linked) await this.redis.sadd(key, `${source.accountId}:${source.name}`);
    else await this.redis.srem(key, `${source.accountId}:${source.name}`);
  }

  async deadLetterSources(target: QueueRef): Promise<QueueRef[]> {
    const members = await this.redis.smembers(this.keys.deadLetterSources(target.accountId, target.name));
    return members.sort().map((m) => {
      const i = m.indexOf(':');
      return { accountId: m.slice(0, i), name: m.slice(i + 1) };
    });
  }
}
