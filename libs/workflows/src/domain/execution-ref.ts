import type { TaskRequest } from '@switchyard/asl';
import type { StateMachineRef } from './state-machine-ref';

/** A Standard execution: its state machine and its name. */
export interface ExecutionRef {
  readonly machine: StateMachineRef;
  readonly name: string;
}

export function executionArn(ref: ExecutionRef): string {
  const m = ref.machine;
  return `arn:aws:states:${m.region}:${m.accountId}:execution:${m.name}:${ref.name}`;
}

/**
 * A work item for executors, as the work stream and the timers carry it: what to do (`run` the
 * execution's runnable threads, fire a thread's `timer`, `timeout` the execution, run an
 * asynchronous `express` execution, whose `execution` is then the id of its stored request, start
 * a Distributed Map's children or answer its parent, `map-run`, perform a Parallel branch's or Map
 * iteration's `task` for the execution that handed it) and to which.
 */
export interface WorkItem {
  readonly kind:
    'run' | 'timer' | 'timeout' | 'task-timeout' | 'heartbeat-timeout' | 'express' | 'map-run' | 'task';
  readonly accountId: string;
  readonly machine: string;
  readonly execution: string;
  /**
   * `timer` and the task timeouts: the thread, and the wait it ends (`run`: 1 when a retry);
   * `map-run`: the run's id (the parent execution is `machine` and `execution`).
   */
  readonly thread?: string;
  readonly wait?: number;
  /** `task`: the task to perform (for the `thread`'s `wait`). */
  readonly task?: TaskRequest;
  /**
   * `run` of an execution StartExecution stored just now: its fields as stored, so that the executor
   * taking the item need not read them back (its first commit is fenced by their `version`).
   */
  readonly start?: Readonly<Record<string, string>>;
}

const WORK_KINDS: ReadonlySet<string> = new Set([
  'run',
  'timer',
  'timeout',
  'task-timeout',
  'heartbeat-timeout',
  'express',
  'map-run',
  'task',
]);

/** The lines before a run item's fields (kind, account, machine, execution, thread, wait, task). */
const HEAD_LINES = 7;

/**
 * Items are lines: names cannot hold a line break, nor can JSON text as JSON.stringify writes it.
 * A run item's fields follow the head as `name`, length, value, each on its line except a value,
 * which is as long as its length says (JS string length) and may hold line breaks itself (an input
 * written with them): read as they are, with no escaping on either side.
 */
export function encodeWorkItem(item: WorkItem): string {
  let text = `${item.kind}\n${item.accountId}\n${item.machine}\n${item.execution}\n${item.thread ?? ''}\n${item.wait ?? ''}`;
  if (item.task || item.start) text += `\n${item.task ? JSON.stringify(item.task) : ''}`;
  if (item.start) {
    for (const name of Object.keys(item.start)) {
      const value = item.start[name];
      text += `\n${name}\n${value.length}\n${value}`;
    }
  }
  return text;
}

export function decodeWorkItem(text: string): WorkItem | undefined {
  const head: string[] = [];
  let at = 0;
  while (head.length < HEAD_LINES) {
    const end = text.indexOf('\n', at);
    if (end < 0) {
      head.push(text.slice(at));
      at = text.length;
      break;
    }
    head.push(text.slice(at, end));
    at = end + 1;
  }
  const [kind, accountId, machine, execution, thread, wait, task] = head;
  if (!WORK_KINDS.has(kind) || !execution) return undefined;
  const start = head.length === HEAD_LINES && at < text.length ? startFields(text, at) : undefined;
  return {
    kind: kind as WorkItem['kind'],
    accountId,
    machine,
    execution,
    thread: thread || undefined,
    wait: wait ? Number(wait) : undefined,
    ...(task ? { task: JSON.parse(task) as TaskRequest } : {}),
    ...(start ? { start } : {}),
  };
}

/** A run item's fields, from `at` on; items written by earlier versions kept them as a JSON object. */
function startFields(text: string, at: number): Record<string, string> {
  if (text[at] === '{') return JSON.parse(text.slice(at)) as Record<string, string>;
  const fields: Record<string, string> = {};
  while (at < text.length) {
    const nameEnd = text.indexOf('\n', at);
    const lengthEnd = text.indexOf('\n', nameEnd + 1);
    const length = Number(text.slice(nameEnd + 1, lengthEnd));
    if (nameEnd < 0 || lengthEnd < 0 || !Number.isInteger(length) || length < 0) break; // not ours
    fields[text.slice(at, nameEnd)] = text.slice(lengthEnd + 1, lengthEnd + 1 + length);
    at = lengthEnd + 2 + length;
  }
  return fields;
}
