// What a user feels: load through @aws-sdk/client-sqs, one SQSClient (with its own keep-alive
// connection pool) per concurrent loop, every client in this process.
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  type Message,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import { makeBody, nowMs, sentAtOf } from './message-body';
import { summarize, type Distribution } from './stats';

export const BATCH_SIZE = 10;

export function makeClients(endpoint: string, count: number): SQSClient[] {
  return Array.from(
    { length: count },
    () =>
      new SQSClient({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
        // Every failure is counted and reported instead of being retried out of sight.
        maxAttempts: 1,
      }),
  );
}

export async function createQueue(
  client: SQSClient,
  name: string,
  attributes?: Record<string, string>,
): Promise<string> {
  const out = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!out.QueueUrl) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  return out.QueueUrl;
}

/** ApproximateNumberOfMessages, or undefined if the target does not answer it. */
export async function visibleMessages(client: SQSClient, queueUrl: string): Promise<number | undefined> {
  try {
    const out = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    const n = Number(out.Attributes?.ApproximateNumberOfMessages);
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts errors by kind and keeps a few samples for the report. */
export class ErrorLog {
  count = 0;
  /** Batch entries a 200 response reported under Failed. */
  failedEntries = 0;
  readonly kinds: Record<string, number> = {};
  readonly samples: string[] = [];

  record(e: unknown): void {
    this.count++;
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const kind = `${err.name ?? 'Error'}${err.$metadata?.httpStatusCode ? ` (HTTP ${err.$metadata.httpStatusCode})` : ''}`;
    this.kinds[kind] = (this.kinds[kind] ?? 0) + 1;
    if (this.samples.length < 3) this.samples.push(`${kind}: ${String(err.message ?? e).slice(0, 300)}`);
  }

  recordFailed(entries: { Id?: string; Code?: string; Message?: string }[] | undefined): void {
    if (!entries?.length) return;
    this.failedEntries += entries.length;
    const first = entries[0];
    const kind = `Failed entry ${first.Code ?? '?'}`;
    this.kinds[kind] = (this.kinds[kind] ?? 0) + entries.length;
    if (this.samples.length < 3) this.samples.push(`${kind}: ${first.Message ?? ''}`);
  }

  toJSON(): Record<string, unknown> {
    return {
      errors: this.count,
      failedEntries: this.failedEntries,
      errorKinds: this.kinds,
      errorSamples: this.samples,
    };
  }
}

/** Throughput accumulated over one or more measurement windows of one target and phase. */
export class Throughput {
  messages = 0;
  requests = 0;
  seconds = 0;
  windows = 0;
  /** Every message moved and the wall time spent, warm-up and tail of each window included. */
  totalMessages = 0;
  totalSeconds = 0;
  /** CPU this (client) process used meanwhile. */
  clientCpuSeconds = 0;
  /** A window ended early because the queue ran out of visible messages. */
  drained = false;
  /** Round trip of each counted step (for receive+delete: the receive and its delete together). */
  readonly latencies: number[] = [];
  readonly errors = new ErrorLog();

  get messagesPerSecond(): number {
    return this.seconds > 0 ? this.messages / this.seconds : 0;
  }

  requestLatencyMs(): Distribution {
    return summarize(this.latencies);
  }
}

/**
 * Runs `loops` concurrent loops for warm-up plus one measurement window, adding the messages of
 * the steps that complete inside the window to `into`. A step returns the number of messages it
 * moved, or 'drained' when it found nothing to do (the loop then stops, and so does the window).
 */
async function runWindow(
  loops: number,
  warmupMs: number,
  measureMs: number,
  into: Throughput,
  step: (loop: number, errors: ErrorLog) => Promise<number | 'drained'>,
): Promise<void> {
  if (into.drained) return;
  const called = nowMs();
  const clientCpu = process.cpuUsage();
  const windowStart = called + warmupMs;
  const windowEnd = windowStart + measureMs;
  let lastCounted = windowStart;
  let drained = false;
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      let empties = 0;
      while (nowMs() < windowEnd && !drained) {
        const started = nowMs();
        let moved: number | 'drained';
        try {
          moved = await step(loop, into.errors);
        } catch (e) {
          into.errors.record(e);
          await sleep(5);
          continue;
        }
        const done = nowMs();
        if (moved === 'drained') {
          if (++empties >= 3) drained = true;
          continue;
        }
        empties = 0;
        if (measureMs > 0) into.totalMessages += moved;
        if (done >= windowStart && done < windowEnd) {
          into.messages += moved;
          into.requests++;
          into.latencies.push(done - started);
          lastCounted = done;
        }
      }
    }),
  );
  if (measureMs <= 0) return;
  into.totalSeconds += (nowMs() - called) / 1000;
  const used = process.cpuUsage(clientCpu);
  into.clientCpuSeconds += (used.user + used.system) / 1e6;
  into.windows++;
  into.seconds += Math.max(0, (drained ? lastCounted : windowEnd) - windowStart) / 1000;
  if (drained) into.drained = true;
}

/** Builds the entries of one SendMessageBatch, stamped with its send time. */
export type EntryMaker = (sentAt: number) => SendMessageBatchRequestEntry[];

function batchEntries(sentAt: number): SendMessageBatchRequestEntry[] {
  const body = makeBody(sentAt);
  return Array.from({ length: BATCH_SIZE }, (_, i) => ({ Id: `m${i}`, MessageBody: body }));
}

/** Entries for a FIFO queue: each message in one of `groups` groups, with a unique de-duplication id. */
export function fifoEntries(groups: number): EntryMaker {
  let next = 0;
  return (sentAt) => {
    const body = makeBody(sentAt);
    return Array.from({ length: BATCH_SIZE }, (_, i) => {
      const n = next++;
      return {
        Id: `m${i}`,
        MessageBody: body,
        MessageGroupId: `g${n % groups}`,
        MessageDeduplicationId: `d${n}`,
      };
    });
  };
}

/** SendMessageBatch of 10 from every client, as fast as each call returns. */
export function sendPhase(
  clients: SQSClient[],
  queueUrl: string,
  warmupMs: number,
  measureMs: number,
  into: Throughput,
  makeEntries: EntryMaker = batchEntries,
): Promise<void> {
  return runWindow(clients.length, warmupMs, measureMs, into, async (loop, errors) => {
    const out = await clients[loop].send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: makeEntries(nowMs()) }),
    );
    errors.recordFailed(out.Failed);
    return out.Successful?.length ?? 0;
  });
}

/** Sends `count` messages (batches of 10, every client at once), untimed; returns how many were stored. */
export async function fillQueue(
  clients: SQSClient[],
  queueUrl: string,
  count: number,
  makeEntries: EntryMaker = batchEntries,
): Promise<number> {
  let claimed = 0;
  let stored = 0;
  let failures = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (claimed < count && failures < 100) {
        claimed += BATCH_SIZE;
        try {
          const out = await client.send(
            new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: makeEntries(nowMs()) }),
          );
          stored += out.Successful?.length ?? 0;
        } catch {
          failures++;
          claimed -= BATCH_SIZE;
        }
      }
    }),
  );
  return stored;
}

/** ReceiveMessage (up to 10, no long poll) and DeleteMessageBatch of what came back, from every client. */
export function receiveDeletePhase(
  clients: SQSClient[],
  queueUrl: string,
  warmupMs: number,
  measureMs: number,
  into: Throughput,
  /** FIFO queues answer empty while every group is held by another consumer: wait instead of calling that drained. */
  waitTimeSeconds = 0,
): Promise<void> {
  return runWindow(clients.length, warmupMs, measureMs, into, async (loop, errors) => {
    const client = clients[loop];
    const got = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: BATCH_SIZE,
        WaitTimeSeconds: waitTimeSeconds,
      }),
    );
    const messages = got.Messages ?? [];
    if (messages.length === 0) return 'drained';
    const out = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    errors.recordFailed(out.Failed);
    return out.Successful?.length ?? 0;
  });
}

export interface LatencyOptions {
  /** Aggregate send rate of all producers, messages per second. */
  readonly rate: number;
  readonly waitTimeSeconds: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /**
   * The target stores nothing (the do-nothing endpoint): consumers then poll at the producers'
   * pace, and what is measured is the time from the endpoint stamping a synthetic message to the
   * client holding it, the floor that transport and SDK add.
   */
  readonly synthetic: boolean;
}

export interface LatencyResult {
  readonly producers: number;
  readonly consumers: number;
  readonly rate: number;
  readonly sent: number;
  readonly received: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly latencyMs: Distribution;
  readonly errors: ErrorLog;
}

/**
 * Half the clients produce paced batches of 10 stamped with their send time; the other half
 * long-poll, record receive time minus send time for messages sent inside the window, and delete.
 */
export async function latencyPhase(
  clients: SQSClient[],
  queueUrl: string,
  o: LatencyOptions,
): Promise<LatencyResult> {
  const producers = Math.max(1, Math.floor(clients.length / 2));
  const consumers = Math.max(1, clients.length - producers);
  const errors = new ErrorLog();
  const start = nowMs();
  const windowStart = start + o.warmupMs;
  const produceEnd = windowStart + o.measureMs;
  // Each producer sends one batch every intervalMs, producers evenly staggered.
  const intervalMs = (producers * BATCH_SIZE * 1000) / o.rate;
  let sent = 0;
  let received = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  const latencies: number[] = [];
  let producing = true;

  const produce = async (p: number) => {
    for (let k = 0; ; k++) {
      const due = start + (k + p / producers) * intervalMs;
      if (due >= produceEnd) return;
      const wait = due - nowMs();
      if (wait > 0) await sleep(wait);
      try {
        const out = await clients[p].send(
          new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batchEntries(nowMs()) }),
        );
        errors.recordFailed(out.Failed);
        sent += out.Successful?.length ?? 0;
      } catch (e) {
        errors.record(e);
      }
    }
  };

  const take = (messages: Message[], at: number) => {
    for (const m of messages) {
      if (!o.synthetic) {
        if (seen.has(m.MessageId!)) {
          duplicates++;
          continue;
        }
        seen.add(m.MessageId!);
      }
      received++;
      const sentAt = sentAtOf(m.Body);
      if (sentAt >= windowStart && sentAt < produceEnd) latencies.push(at - sentAt);
    }
  };

  const drainDeadline = () => produceEnd + 5_000 + o.waitTimeSeconds * 1000;
  const consume = async (c: number) => {
    const client = clients[producers + c];
    for (let k = 0; ; k++) {
      if (o.synthetic) {
        if (!producing) return;
        const due = start + (k + c / consumers) * ((consumers * BATCH_SIZE * 1000) / o.rate);
        const wait = due - nowMs();
        if (wait > 0) await sleep(wait);
      } else if (!producing && (received >= sent || nowMs() > drainDeadline())) {
        return;
      }
      try {
        const got = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: BATCH_SIZE,
            WaitTimeSeconds: o.synthetic ? 0 : o.waitTimeSeconds,
          }),
        );
        const at = nowMs();
        const messages = got.Messages ?? [];
        if (messages.length === 0) continue;
        take(messages, at);
        const out = await client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
        errors.recordFailed(out.Failed);
      } catch (e) {
        errors.record(e);
        await sleep(5);
      }
    }
  };

  const consuming = Promise.all(Array.from({ length: consumers }, (_, c) => consume(c)));
  await Promise.all(Array.from({ length: producers }, (_, p) => produce(p)));
  producing = false;
  await consuming;
  return {
    producers,
    consumers,
    rate: o.rate,
    sent,
    received,
    duplicates,
    missing: o.synthetic ? 0 : Math.max(0, sent - received),
    latencyMs: summarize(latencies),
    errors,
  };
}
