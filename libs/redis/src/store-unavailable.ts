/** What ioredis says when a command could not reach a server: lost, reconnecting, or closed. */
const CONNECTION_FAILURES = [
  'Connection is closed.',
  "Stream isn't writeable",
  'Command aborted due to connection close',
  'None of startup nodes is available',
  "Cluster isn't ready",
  'Cluster is ended.',
  // The node owning the key is down and the others still send the command there (MOVED), or it is gone.
  'Too many Cluster redirections',
];

/** Replies of a server that is up but cannot serve yet: loading its data, or a Cluster failing over. */
const NOT_SERVING_YET = /^(LOADING|CLUSTERDOWN|MASTERDOWN|TRYAGAIN|READONLY) /;

/**
 * Whether a Redis command failed because the store cannot be reached or cannot serve for now (the
 * connection is lost or reconnecting, the server is loading its data, a Cluster is failing over), as
 * opposed to a failure of the command itself. Retrying later may succeed, so callers answer it with a
 * retryable error, in one place (the AWS router answers ServiceUnavailable).
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const message = error.message;
  return NOT_SERVING_YET.test(message) || CONNECTION_FAILURES.some((m) => message.includes(m));
}
