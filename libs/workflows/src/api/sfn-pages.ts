import { AwsError } from '@switchyard/aws-wire';
import { SfnErrors } from '../errors/sfn-errors';

/** Step Functions list operations answer 100 items a page unless maxResults says otherwise (0 = default). */
export const SFN_DEFAULT_PAGE_SIZE = 100;

/** Pagination tokens expire after 24 hours, as AWS's do. */
const TOKEN_LIFETIME_MS = 24 * 3600 * 1000;

/** The page size a request asks for. */
export function pageSize(maxResults: number | undefined): number {
  return maxResults ? maxResults : SFN_DEFAULT_PAGE_SIZE;
}

/** A nextToken: where the next page starts (a name to list after, or a position) and when it was issued. */
function tokenOf(position: string | number, now: number): string {
  return Buffer.from(JSON.stringify({ p: position, t: now }), 'utf8').toString('base64');
}

/** Where a token's page starts; InvalidToken for a token not ours or older than 24 hours. */
function positionOf(token: string, now: number): string | number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { p?: unknown; t?: unknown };
    const fresh = typeof parsed.t === 'number' && now - parsed.t <= TOKEN_LIFETIME_MS;
    if (fresh && typeof parsed.p === 'string') return parsed.p;
    if (fresh && typeof parsed.p === 'number' && Number.isInteger(parsed.p) && parsed.p >= 0) return parsed.p;
  } catch {
    // not a token of ours
  }
  throw new AwsError(SfnErrors.InvalidToken, `Invalid Token: '${token}'`);
}

/** Where a page of names starts: after the name its nextToken carries. */
export function pageStart(nextToken: string | undefined, now: number): string | undefined {
  if (nextToken === undefined) return undefined;
  const after = positionOf(nextToken, now);
  if (typeof after !== 'string') throw new AwsError(SfnErrors.InvalidToken, `Invalid Token: '${nextToken}'`);
  return after;
}

/** The nextToken of a page cut from `size + 1` names: present when more follow. */
export function nextTokenOf(names: readonly string[], size: number, now: number): string | undefined {
  return names.length > size ? tokenOf(names[size - 1], now) : undefined;
}

/** The nextToken of a list read by position (history events, executions newest first). */
export function offsetToken(offset: number, now: number): string {
  return tokenOf(offset, now);
}

/** Where a page read by position starts. */
export function offsetOf(token: string | undefined, now: number): number {
  if (token === undefined) return 0;
  const offset = positionOf(token, now);
  if (typeof offset !== 'number') throw new AwsError(SfnErrors.InvalidToken, `Invalid Token: '${token}'`);
  return offset;
}
