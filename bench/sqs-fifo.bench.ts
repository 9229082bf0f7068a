// SQS FIFO throughput: Switchyard's FIFO queue (64 message groups) side by side with its standard
// queue and with fauxqs's FIFO queue, in the same run, through @aws-sdk/client-sqs.
// Usage: npm run bench -- sqs-fifo [--seconds N] [--clients 16] [--groups 64] [--prefill 120000]
// One JSON object per line on stdout (one per lane and phase, then a summary); progress on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  createQueue,
  type EntryMaker,
  fifoEntries,
  fillQueue,
  makeClients,
  receiveDeletePhase,
  sendPhase,
  Throughput,
} from './sqs/sdk-load';
import { type RunningTarget, startTarget } from './sqs/targets';

const ROOT = join(__dirname, '..');
const SLICE_MS = 2000;

interface Lane {
  readonly name: string;
  readonly target: RunningTarget;
  readonly clients: SQSClient[];
  readonly fifo: boolean;
  readonly entries?: EntryMaker;
  queues: { send: string; receive: string };
  readonly send: Throughput;
  readonly receive: Throughput;
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

const emit = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const progress = (text: string) => process.stderr.write(`[sqs-fifo] ${text}\n`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seconds = option(args, 'seconds', 10);
  const clientsPerLane = option(args, 'clients', 16);
  const groups = option(args, 'groups', 64);
  const prefill = option(args, 'prefill', 120_000);
  const slices = Math.max(1, Math.round((seconds * 1000) / SLICE_MS));
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const workDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-fifo-'));
  const common = {
    bench: 'sqs-fifo',
    runId,
    node: process.version,
    cpus: cpus().length,
    groups,
    clients: clientsPerLane,
  };
  const targets: RunningTarget[] = [];
  try {
    const options = {
      root: ROOT,
      workDir,
      serverNodeFlags: [],
      redisUrl: process.env.REDIS_URL || undefined,
      keyPrefix: `bench-fifo-${runId}`,
    };
    progress('starting switchyard and fauxqs');
    const switchyard = await startTarget('switchyard', options);
    const fauxqs = await startTarget('fauxqs', options);
    targets.push(switchyard, fauxqs);
    const lane = (name: string, target: RunningTarget, fifo: boolean): Lane => ({
      name,
      target,
      clients: makeClients(target.endpoint, clientsPerLane),
      fifo,
      entries: fifo ? fifoEntries(groups) : undefined,
      queues: { send: '', receive: '' },
      send: new Throughput(),
      receive: new Throughput(),
    });
    const lanes = [
      lane('switchyard-standard', switchyard, false),
      lane('switchyard-fifo', switchyard, true),
      lane('fauxqs-fifo', fauxqs, true),
    ];
    for (const l of lanes) {
      const suffix = l.fifo ? '.fifo' : '';
      const attributes = l.fifo ? { FifoQueue: 'true' } : undefined;
      l.queues = {
        send: await createQueue(l.clients[0], `bench-send-${runId}${suffix}`, attributes),
        receive: await createQueue(l.clients[0], `bench-recv-${runId}${suffix}`, attributes),
      };
    }
    // Slices alternate between lanes, each round in another order, so load from elsewhere hits all alike.
    const rotate = <T>(items: T[], by: number) => items.map((_, i) => items[(i + by) % items.length]);
    progress(`send: ${slices} slices of ${SLICE_MS} ms per lane`);
    for (let round = 0; round < slices; round++) {
      for (const l of rotate(lanes, round))
        await sendPhase(l.clients, l.queues.send, 300, SLICE_MS, l.send, l.entries);
    }
    progress(`prefilling ${prefill} messages per lane for receive+delete`);
    const prefilled = new Map<Lane, number>();
    for (const l of lanes) prefilled.set(l, await fillQueue(l.clients, l.queues.receive, prefill, l.entries));
    progress(`prefilled: ${lanes.map((l) => `${l.name} ${prefilled.get(l)}`).join(', ')}`);
    for (let round = 0; round < slices; round++) {
      for (const l of rotate(lanes, round))
        await receiveDeletePhase(l.clients, l.queues.receive, 300, SLICE_MS, l.receive, l.fifo ? 1 : 0);
    }
    const rate = (l: Lane, phase: 'send' | 'receive') => Math.round(l[phase].messagesPerSecond);
    for (const l of lanes) {
      for (const phase of ['send', 'receive'] as const) {
        const t = l[phase];
        emit({
          ...common,
          lane: l.name,
          target: l.target.name,
          ...l.target.info,
          queueType: l.fifo ? 'fifo' : 'standard',
          metric: phase === 'send' ? 'sdk_send' : 'sdk_receive_delete',
          seconds: Number(t.seconds.toFixed(2)),
          messages: t.messages,
          messagesPerSecond: rate(l, phase),
          ...(phase === 'receive' ? { prefilledMessages: prefilled.get(l) } : {}),
          requestLatencyMs: t.requestLatencyMs(),
          drained: t.drained,
          errors: t.errors.count,
          failedEntries: t.errors.failedEntries,
          errorSamples: t.errors.samples,
          loadavg1: Number(loadavg()[0].toFixed(2)),
        });
      }
    }
    const [standard, fifo, faux] = lanes;
    const ratio = (a: number, b: number) => (b > 0 ? Number((a / b).toFixed(3)) : null);
    const fifoSendVsStandard = ratio(rate(fifo, 'send'), rate(standard, 'send'));
    const fifoReceiveVsStandard = ratio(rate(fifo, 'receive'), rate(standard, 'receive'));
    emit({
      ...common,
      metric: 'summary',
      messagesPerSecond: Object.fromEntries(
        lanes.map((l) => [l.name, { send: rate(l, 'send'), receiveDelete: rate(l, 'receive') }]),
      ),
      fifo_send_vs_standard: fifoSendVsStandard,
      fifo_receive_delete_vs_standard: fifoReceiveVsStandard,
      fifo_send_vs_fauxqs_fifo: ratio(rate(fifo, 'send'), rate(faux, 'send')),
      fifo_receive_delete_vs_fauxqs_fifo: ratio(rate(fifo, 'receive'), rate(faux, 'receive')),
      awsBatchedFifoQuota: 3000,
      targets: {
        fifo_send_vs_standard: { goal: 0.7, met: (fifoSendVsStandard ?? 0) >= 0.7 },
        fifo_receive_delete_vs_standard: { goal: 0.7, met: (fifoReceiveVsStandard ?? 0) >= 0.7 },
        fifo_over_aws_quota: { goal: 3000, met: Math.min(rate(fifo, 'send'), rate(fifo, 'receive')) > 3000 },
      },
      errors: Object.fromEntries(lanes.map((l) => [l.name, l.send.errors.count + l.receive.errors.count])),
    });
    for (const l of lanes) l.clients.forEach((c) => c.destroy());
  } finally {
    for (const t of targets) await t.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  progress(`failed: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
