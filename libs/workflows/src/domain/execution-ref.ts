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

// Names cannot hold a line break, nor can JSON text, so items are lines.
export function encodeWorkItem(item: WorkItem): string {
  const fields = [
    item.kind,
    item.accountId,
    item.machine,
    item.execution,
    item.thread ?? '',
    item.wait ?? '',
  ];
  if (item.task || item.start) fields.push(item.task ? JSON.stringify(item.task) : '');
  if (item.start) fields.push(JSON.stringify(item.start));
  return fields.join('\n');
}

export function decodeWorkItem(text: string): WorkItem | undefined {
  const [kind, accountId, machine, execution, thread, wait, task, start] = text.split('\n');
  if (!WORK_KINDS.has(kind) || !execution) return undefined;
  return {
    kind: kind as WorkItem['kind'],
    accountId,
    machine,
    execution,
    thread: thread || undefined,
    wait: wait ? Number(wait) : undefined,
    ...(task ? { task: JSON.parse(task) as TaskRequest } : {}),
    ...(start ? { start: JSON.parse(start) as Record<string, string> } : {}),
  };
}
