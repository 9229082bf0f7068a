import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written within a piece of work carries: `requestId`, `executionArn` … */
export type LogContext = Readonly<Record<string, string>>;

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `fn` with `fields` added to every log line written while it runs, including in what it
 * awaits (the router runs each request so, with its request id; executors run a work item with its id).
 */
export function withLogContext<T>(fields: LogContext, fn: () => T): T {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...fields } : fields, fn);
}

/** The fields of the work being done now, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
