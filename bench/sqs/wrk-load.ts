// Server capacity: SendMessageBatch requests from wrk (a light C load generator) with a static
// Lua-built request, so the client costs as little as possible and the server is the bottleneck.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BATCH_SIZE } from './sdk-load';
import { BODY_BYTES } from './message-body';

export interface WrkOptions {
  readonly wrk: string;
  readonly root: string;
  readonly endpoint: string;
  readonly queueUrl: string;
  readonly seconds: number;
  readonly threads: number;
  readonly connections: number;
}

export interface WrkResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly non2xx: number;
  readonly socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** Messages in 2xx responses per second (10 per request). */
  readonly messagesPerSecond: number;
  readonly latencyAvgMs: number | null;
  readonly latencyMaxMs: number | null;
  readonly raw: string;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function toMs(text: string | undefined): number | null {
  const m = text?.match(/^([\d.]+)(us|ms|s|m|h)$/);
  return m ? Math.round(Number(m[1]) * UNIT_MS[m[2]] * 1000) / 1000 : null;
}

/** Parses wrk 4's text report. */
export function parseWrk(raw: string): Omit<WrkResult, 'raw'> {
  const done = raw.match(/(\d+) requests in ([\d.]+(?:us|ms|s|m|h)),/);
  if (!done) throw new Error(`cannot parse wrk output:\n${raw}`);
  const requests = Number(done[1]);
  const seconds = (toMs(done[2]) ?? 0) / 1000;
  const non2xx = Number(raw.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const sock = raw.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const latency = raw.match(/Latency\s+(\S+)\s+(\S+)\s+(\S+)/);
  return {
    requests,
    seconds,
    requestsPerSecond: seconds > 0 ? requests / seconds : 0,
    non2xx,
    socketErrors: {
      connect: Number(sock?.[1] ?? 0),
      read: Number(sock?.[2] ?? 0),
      write: Number(sock?.[3] ?? 0),
      timeout: Number(sock?.[4] ?? 0),
    },
    messagesPerSecond: seconds > 0 ? ((requests - non2xx) * BATCH_SIZE) / seconds : 0,
    latencyAvgMs: toMs(latency?.[1]),
    latencyMaxMs: toMs(latency?.[3]),
  };
}

export function runWrk(o: WrkOptions): Promise<WrkResult> {
  const args = [
    `-t${o.threads}`,
    `-c${o.connections}`,
    `-d${o.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    join(o.root, 'bench/sqs/send-message-batch.lua'),
    `${o.endpoint}/`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(o.wrk, args, {
      env: { ...process.env, SQS_QUEUE_URL: o.queueUrl, SQS_BODY_BYTES: String(BODY_BYTES) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}: ${err || out}`));
      try {
        resolve({ ...parseWrk(out), raw: out });
      } catch (e) {
        reject(e);
      }
    });
  });
}

/** wrk results summed over several runs against one target. */
export class WrkTotals {
  runs = 0;
  requests = 0;
  seconds = 0;
  non2xx = 0;
  readonly socketErrors = { connect: 0, read: 0, write: 0, timeout: 0 };
  private latencyWeighted = 0;
  latencyMaxMs: number | null = null;

  add(r: WrkResult): void {
    this.runs++;
    this.requests += r.requests;
    this.seconds += r.seconds;
    this.non2xx += r.non2xx;
    for (const k of Object.keys(this.socketErrors) as (keyof WrkTotals['socketErrors'])[])
      this.socketErrors[k] += r.socketErrors[k];
    if (r.latencyAvgMs !== null) this.latencyWeighted += r.latencyAvgMs * r.requests;
    if (r.latencyMaxMs !== null) this.latencyMaxMs = Math.max(this.latencyMaxMs ?? 0, r.latencyMaxMs);
  }

  get requestsPerSecond(): number {
    return this.seconds > 0 ? this.requests / this.seconds : 0;
  }

  /** Messages in 2xx responses per second (10 per request). */
  get messagesPerSecond(): number {
    return this.seconds > 0 ? ((this.requests - this.non2xx) * BATCH_SIZE) / this.seconds : 0;
  }

  get latencyAvgMs(): number | null {
    return this.requests > 0 ? Math.round((this.latencyWeighted / this.requests) * 1000) / 1000 : null;
  }

  get socketErrorCount(): number {
    const e = this.socketErrors;
    return e.connect + e.read + e.write + e.timeout;
  }
}

/** The exact request wrk sends, built the same way as the Lua script, for a preflight check. */
export function wrkRequestBody(queueUrl: string): string {
  const entries: string[] = [];
  for (let i = 0; i < BATCH_SIZE; i++) {
    const head = `{"n":${i},"pad":"`;
    const body = head + 'x'.repeat(Math.max(0, BODY_BYTES - head.length - 2)) + '"}';
    entries.push(JSON.stringify({ Id: `m${i}`, MessageBody: body }));
  }
  return `{"QueueUrl":${JSON.stringify(queueUrl)},"Entries":[${entries.join(',')}]}`;
}
