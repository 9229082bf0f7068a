import { ErrorNames } from './states-error';

// AWS treats States.Runtime as terminal: no Retry or Catch, not even by name, intercepts it.
// States.DataLimitExceeded is not: recorded against AWS, a Task whose result exceeds the limit is
// caught both by a catcher naming States.DataLimitExceeded and by States.ALL.
const TERMINAL = new Set<string>([ErrorNames.Runtime]);

/** Whether an error can be retried or caught at all. */
export function isInterceptable(error: string): boolean {
  return !TERMINAL.has(error);
}

/** Whether a retrier's or catcher's ErrorEquals list matches an error name. */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (!isInterceptable(error)) return false;
  for (const name of errorEquals) {
    if (name === error) return true;
    if (name === ErrorNames.ALL) return true;
    // A missed heartbeat is a kind of timeout.
    if (name === ErrorNames.Timeout && error === ErrorNames.HeartbeatTimeout) return true;
    // States.TaskFailed is a wildcard for everything a task can raise except a timeout.
    if (
      name === ErrorNames.TaskFailed &&
      error !== ErrorNames.Timeout &&
      error !== ErrorNames.HeartbeatTimeout
    )
      return true;
  }
  return false;
}
