/**
 * Pagination tokens of list operations that walk names in order: the token carries the last name
 * of the previous page. Opaque to clients, as AWS's are.
 */
export function encodeNameCursor(lastName: string): string {
  return Buffer.from(JSON.stringify({ after: lastName }), 'utf8').toString('base64');
}

/** The name a token carries, or undefined when the token is not one of ours. */
export function decodeNameCursor(token: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // not a token of ours
  }
  return undefined;
}
