/**
 * An execution's history (GetExecutionHistory's events) as a timeline: a bar per state entered,
 * the task attempts inside it and the backoff waits between a failed attempt and the next one,
 * a Map's iterations nested under the Map and a Parallel's branches under the Parallel. Offsets and
 * durations are in milliseconds from the execution's start; what still runs extends to `now`.
 *
 * Events carry no thread of their own: each one's `previousEventId` names the event before it in
 * its thread (the top level, a branch or an iteration), which is how events are placed here.
 */

/** A history event as the SDK returns it (`timestamp` a Date) or as JSON (epoch seconds or text). */
export interface HistoryEventLike {
  id: number;
  previousEventId?: number;
  type: string;
  timestamp?: Date | number | string;
  [detailsMember: string]: unknown;
}

export type BarKind = 'state' | 'attempt' | 'backoff' | 'iteration' | 'branch';

/** `caught`: the state failed and a Catch took the execution on. */
export type BarStatus = 'running' | 'retrying' | 'succeeded' | 'failed' | 'caught';

export interface TimelineBar {
  id: string;
  kind: BarKind;
  /** The state's name; an iteration's or a branch's is its Map's or Parallel's. */
  state: string;
  label: string;
  parentId?: string;
  depth: number;
  /** Offset from the execution's start, ms. */
  startMs: number;
  durationMs: number;
  /** Still running: the bar ends at `now`. */
  open: boolean;
  status: BarStatus;
  /** An iteration's or a branch's index. */
  index?: number;
  /** A state's entry event type (`TaskStateEntered`, …) and the ids that bound it. */
  enteredType?: string;
  enteredEventId?: number;
  exitedEventId?: number;
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
}

export interface Timeline {
  /** Epoch ms of the execution's start. */
  startEpochMs: number;
  durationMs: number;
  running: boolean;
  /** Bars in display order: each one followed by what it holds. */
  bars: TimelineBar[];
}

/** An event's time in epoch ms. */
export function eventTime(event: HistoryEventLike): number {
  const t = event.timestamp;
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'number') return t < 1e11 ? t * 1000 : t;
  if (typeof t === 'string') {
    const n = Number(t);
    if (!Number.isNaN(n)) return n < 1e11 ? n * 1000 : n;
    return Date.parse(t);
  }
  return 0;
}

/** The `…EventDetails` member of an event, whichever it is. */
export function eventDetails(event: HistoryEventLike): Record<string, unknown> {
  if (event.type.endsWith('StateEntered'))
    return (event.stateEnteredEventDetails as Record<string, unknown>) ?? {};
  if (event.type.endsWith('StateExited'))
    return (event.stateExitedEventDetails as Record<string, unknown>) ?? {};
  const member = `${event.type[0].toLowerCase()}${event.type.slice(1)}EventDetails`;
  return (event[member] as Record<string, unknown>) ?? {};
}

/** Payloads arrive as JSON text (the API's shape); show them parsed when they parse. */
export function parsePayload(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

const ATTEMPT_START = /^(Task|LambdaFunction|Activity)Scheduled$/;
const ATTEMPT_SUCCESS = /^(Task|LambdaFunction|Activity)Succeeded$/;
const ATTEMPT_FAILURE =
  /^(Task|LambdaFunction|Activity)(Failed|TimedOut|StartFailed|SubmitFailed|ScheduleFailed)$/;
const EXECUTION_END = /^Execution(Succeeded|Failed|TimedOut|Aborted)$/;

/** A bar being built: its place in the tree and its times, with the details it will carry. */
interface Node extends Pick<
  TimelineBar,
  | 'id'
  | 'state'
  | 'label'
  | 'index'
  | 'enteredType'
  | 'enteredEventId'
  | 'exitedEventId'
  | 'input'
  | 'output'
  | 'error'
  | 'cause'
> {
  kind: BarKind | 'root';
  parent?: Node;
  children: Node[];
  start: number;
  end?: number;
  failed?: boolean;
  /** An open node closed by the execution's end. */
  cutShort?: boolean;
  /** A Parallel's branches started since its last ParallelStateStarted. */
  branches?: number;
}

/** Builds the timeline of an execution from its events (in any order); `now` in epoch ms. */
export function buildTimeline(events: readonly HistoryEventLike[], now: number = Date.now()): Timeline {
  const sorted = [...events].sort((a, b) => a.id - b.id);
  const started = sorted.find((e) => e.type === 'ExecutionStarted') ?? sorted[0];
  const startEpochMs = started ? eventTime(started) : now;
  let counter = 0;
  const root: Node = { id: 'root', kind: 'root', state: '', label: '', children: [], start: startEpochMs };
  const create = (parent: Node, fields: Omit<Node, 'id' | 'parent' | 'children'>): Node => {
    const node: Node = { id: `b${counter++}`, parent, children: [], ...fields };
    parent.children.push(node);
    return node;
  };
  /** Where each event leaves its thread. */
  const scopeOf = new Map<number, Node>();
  const byId = new Map<number, HistoryEventLike>();
  const ancestors = function* (node: Node | undefined) {
    for (let n = node; n; n = n.parent) yield n;
  };
  const nearest = (from: Node, test: (n: Node) => boolean) => {
    for (const n of ancestors(from)) if (test(n)) return n;
    return undefined;
  };
  const isState = (n: Node) => n.kind === 'state';
  const isStateOfType = (type: string) => (n: Node) =>
    n.kind === 'state' && n.enteredType === `${type}StateEntered`;
  /** Open descendants of a node end when it ends. */
  const closeOpen = (node: Node, at: number, cutShort: boolean) => {
    for (const child of node.children) {
      const wasOpen = child.end === undefined;
      closeOpen(child, at, cutShort);
      if (!wasOpen) continue;
      if (child.kind === 'branch') {
        // A branch ends with its last state.
        child.end = child.children.length ? Math.max(...child.children.map((c) => c.end ?? at)) : at;
      } else {
        child.end = at;
        if (cutShort) child.cutShort = true;
      }
    }
  };

  let running = true;
  let endEpochMs: number | undefined;
  for (const event of sorted) {
    byId.set(event.id, event);
    const at = eventTime(event);
    const prev = event.previousEventId ? byId.get(event.previousEventId) : undefined;
    const from = (event.previousEventId && scopeOf.get(event.previousEventId)) || root;
    const details = eventDetails(event);
    const type = event.type;
    let scope = from;

    if (type === 'ExecutionStarted' || type === 'ExecutionRedriven') {
      running = true;
      endEpochMs = undefined;
      scope = root;
    } else if (EXECUTION_END.test(type)) {
      running = false;
      endEpochMs = at;
      closeOpen(root, at, type !== 'ExecutionSucceeded');
      scope = root;
    } else if (type.endsWith('StateEntered')) {
      let container: Node;
      if (prev?.type === 'ParallelStateStarted') {
        const parallel = nearest(from, isStateOfType('Parallel')) ?? root;
        const index = parallel.branches ?? 0;
        parallel.branches = index + 1;
        container = create(parallel, {
          kind: 'branch',
          state: parallel.state,
          label: `Branch ${index + 1}`,
          index,
          start: eventTime(prev),
        });
      } else {
        container =
          from.kind === 'state' || from.kind === 'attempt' || from.kind === 'backoff'
            ? containerOf(from)
            : from;
      }
      const name = String(details.name ?? '');
      scope = create(container, {
        kind: 'state',
        state: name,
        label: name,
        start: at,
        enteredType: type,
        enteredEventId: event.id,
        input: parsePayload(details.input),
      });
    } else if (type.endsWith('StateExited')) {
      const name = String(details.name ?? '');
      const state = nearest(from, (n) => isState(n) && n.state === name && n.end === undefined);
      if (state) {
        state.end = at;
        state.exitedEventId = event.id;
        state.output = parsePayload(details.output);
        closeOpen(state, at, false);
        scope = state.parent ?? root;
      } else scope = containerOf(from);
    } else if (ATTEMPT_START.test(type)) {
      const state = nearest(from, isState) ?? root;
      const previous = state.children[state.children.length - 1];
      if (previous && previous.kind === 'attempt' && previous.failed && previous.end !== undefined) {
        create(state, {
          kind: 'backoff',
          state: state.state,
          label: 'backoff',
          start: previous.end,
          end: at,
        });
      }
      const attempts = state.children.filter((c) => c.kind === 'attempt').length;
      scope = create(state, {
        kind: 'attempt',
        state: state.state,
        label: `attempt ${attempts + 1}`,
        index: attempts,
        start: at,
      });
    } else if (ATTEMPT_SUCCESS.test(type) || ATTEMPT_FAILURE.test(type)) {
      const attempt = nearest(from, (n) => n.kind === 'attempt' && n.end === undefined);
      if (attempt) {
        attempt.end = at;
        if (ATTEMPT_FAILURE.test(type)) {
          attempt.failed = true;
          attempt.error = details.error as string | undefined;
          attempt.cause = details.cause as string | undefined;
        } else attempt.output = parsePayload(details.output);
        scope = attempt;
      }
    } else if (type === 'MapIterationStarted') {
      const name = String(details.name ?? '');
      const map = nearest(from, (n) => isStateOfType('Map')(n) && (!name || n.state === name)) ?? root;
      const index = Number(details.index ?? map.children.length);
      scope = create(map, {
        kind: 'iteration',
        state: map.state,
        label: `Iteration ${index}`,
        index,
        start: at,
      });
    } else if (/^MapIteration(Succeeded|Failed|Aborted)$/.test(type)) {
      const name = String(details.name ?? '');
      const map = nearest(from, (n) => isStateOfType('Map')(n) && (!name || n.state === name));
      if (map) {
        const iteration = map.children.find(
          (c) => c.kind === 'iteration' && c.index === Number(details.index),
        );
        if (iteration) {
          iteration.end ??= at;
          if (type !== 'MapIterationSucceeded') {
            iteration.failed = true;
            iteration.error = details.error as string | undefined;
            iteration.cause = details.cause as string | undefined;
          }
          closeOpen(iteration, at, type !== 'MapIterationSucceeded');
        }
        scope = map;
      }
    } else if (/^(Map|Parallel)State(Succeeded|Failed|Aborted)$/.test(type)) {
      const kind = type.startsWith('Map') ? 'Map' : 'Parallel';
      const state = nearest(from, (n) => isStateOfType(kind)(n) && n.end === undefined);
      if (state) {
        if (!type.endsWith('Succeeded')) {
          state.failed = true;
          state.error = details.error as string | undefined;
          state.cause = details.cause as string | undefined;
        }
        // What still runs inside stops with it (a failed branch cancels the others).
        closeOpen(state, at, !type.endsWith('Succeeded'));
        scope = state;
      }
    } else if (type === 'ParallelStateStarted' || type === 'MapStateStarted') {
      const state = nearest(from, isStateOfType(type.startsWith('Map') ? 'Map' : 'Parallel'));
      if (state && type === 'ParallelStateStarted') state.branches = 0;
      scope = state ?? from;
    }
    scopeOf.set(event.id, scope);
  }

  const endOfRun = running ? now : (endEpochMs ?? now);
  const bars: TimelineBar[] = [];
  const emit = (node: Node, depth: number) => {
    for (const child of node.children) {
      if (child.kind === 'root') continue;
      // A branch lasts from its Parallel's start to its last state's end.
      if (child.kind === 'branch' && child.end === undefined) {
        const ends = child.children.map((c) => c.end);
        if (ends.length && ends.every((e) => e !== undefined)) child.end = Math.max(...(ends as number[]));
      }
      const open = child.end === undefined;
      const end = child.end ?? endOfRun;
      let status = statusOf(child, open, running);
      // A state waiting to retry after a failed attempt: show the wait so far.
      const last = child.children[child.children.length - 1];
      if (open && running && child.kind === 'state' && last?.kind === 'attempt' && last.failed) {
        status = 'retrying';
        child.children.push({
          id: `b${counter++}`,
          kind: 'backoff',
          state: child.state,
          label: 'backoff',
          parent: child,
          children: [],
          start: last.end ?? now,
        });
      }
      bars.push({
        id: child.id,
        kind: child.kind as BarKind,
        state: child.state,
        label: child.label,
        parentId: node.kind === 'root' ? undefined : node.id,
        depth,
        startMs: Math.max(0, child.start - startEpochMs),
        durationMs: Math.max(0, end - child.start),
        open,
        status,
        index: child.index,
        enteredType: child.enteredType,
        enteredEventId: child.enteredEventId,
        exitedEventId: child.exitedEventId,
        input: child.input,
        output: child.output,
        error: child.error ?? lastError(child),
        cause: child.cause ?? lastCause(child),
      });
      emit(child, depth + 1);
    }
  };
  emit(root, 0);
  return { startEpochMs, durationMs: Math.max(0, endOfRun - startEpochMs), running, bars };
}

function containerOf(node: Node): Node {
  let n: Node | undefined = node;
  while (n && n.kind !== 'root' && n.kind !== 'branch' && n.kind !== 'iteration') n = n.parent;
  return n ?? node;
}

function lastAttempt(node: Node): Node | undefined {
  for (let i = node.children.length - 1; i >= 0; i--)
    if (node.children[i].kind === 'attempt') return node.children[i];
  return undefined;
}

function lastError(node: Node): string | undefined {
  const attempt = lastAttempt(node);
  return attempt?.failed ? attempt.error : undefined;
}

function lastCause(node: Node): string | undefined {
  const attempt = lastAttempt(node);
  return attempt?.failed ? attempt.cause : undefined;
}

function statusOf(node: Node, open: boolean, running: boolean): BarStatus {
  if (open) return running ? 'running' : 'failed';
  if (node.cutShort) return 'failed';
  switch (node.kind) {
    case 'attempt':
    case 'iteration':
      return node.failed ? 'failed' : 'succeeded';
    case 'backoff':
      return 'succeeded';
    case 'branch':
      return node.children.some((c) => c.cutShort || (c.kind === 'state' && c.exitedEventId === undefined))
        ? 'failed'
        : 'succeeded';
    case 'state': {
      if (node.exitedEventId === undefined) return 'failed';
      const failed = node.failed || lastAttempt(node)?.failed;
      return failed ? 'caught' : 'succeeded';
    }
    default:
      return 'succeeded';
  }
}
