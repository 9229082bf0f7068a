// CPU time used by a target's process trees (the server and, for Switchyard, its embedded
// redis-server with the forks it reaps, such as AOF rewrites, or the bench's TCP redis-server),
// read from Linux /proc. CPU time per message is far less sensitive than throughput to other load
// on a shared machine.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  /** utime + stime + cutime + cstime, in seconds. */
  readonly cpu: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const f = text
      .slice(close + 2)
      .split(' ')
      .map(Number);
    // Fields after the command: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
    return { pid, ppid: f[1], comm, cpu: (f[11] + f[12] + f[13] + f[14]) / clockTicks() };
  } catch {
    return undefined;
  }
}

/** CPU seconds so far of `root` and its descendants, by command name; undefined off Linux. */
export function treeCpu(root: number): Record<string, number> | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const children = new Map<number, ProcStat[]>();
  let rootStat: ProcStat | undefined;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    if (stat.pid === root) rootStat = stat;
    const list = children.get(stat.ppid) ?? [];
    list.push(stat);
    children.set(stat.ppid, list);
  }
  if (!rootStat) return undefined;
  const out: Record<string, number> = {};
  const stack = [rootStat];
  while (stack.length) {
    const p = stack.pop()!;
    out[p.comm] = (out[p.comm] ?? 0) + p.cpu;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

/**
 * CPU seconds so far of several process trees together, by command name (a server and a Redis it
 * does not own); undefined when one of them cannot be read.
 */
export function treesCpu(roots: readonly number[]): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const root of roots) {
    const tree = treeCpu(root);
    if (!tree) return undefined;
    for (const [comm, cpu] of Object.entries(tree)) out[comm] = (out[comm] ?? 0) + cpu;
  }
  return out;
}

/** Sums the CPU some process trees spend inside measurement windows. */
export class CpuMeter {
  readonly seconds: Record<string, number> = {};
  private start: Record<string, number> | undefined;
  private readonly roots: readonly number[];

  constructor(roots: number | readonly number[]) {
    this.roots = typeof roots === 'number' ? [roots] : roots;
  }

  begin(): void {
    this.start = treesCpu(this.roots);
  }

  end(): void {
    const now = treesCpu(this.roots);
    if (!this.start || !now) return;
    for (const [comm, cpu] of Object.entries(now)) {
      this.seconds[comm] = (this.seconds[comm] ?? 0) + Math.max(0, cpu - (this.start[comm] ?? 0));
    }
    this.start = undefined;
  }

  /** Server CPU over the measured time and per message moved, for a result line. */
  report(wallSeconds: number, messages: number): Record<string, unknown> | null {
    const total = Object.values(this.seconds).reduce((a, b) => a + b, 0);
    if (total === 0 && Object.keys(this.seconds).length === 0) return null;
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return {
      cpuSeconds: r2(total),
      coresBusy: wallSeconds > 0 ? r2(total / wallSeconds) : null,
      cpuMicrosPerMessage: messages > 0 ? r2((total * 1e6) / messages) : null,
      cpuSecondsByProcess: Object.fromEntries(Object.entries(this.seconds).map(([k, v]) => [k, r2(v)])),
    };
  }
}
