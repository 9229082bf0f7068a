import { AwsError, decodeNameCursor, encodeNameCursor } from '@switchyard/aws-wire';
import { SfnErrors } from '../errors/sfn-errors';

/** Step Functions list operations answer 100 items a page unless maxResults says otherwise (0 = default). */
export const SFN_DEFAULT_PAGE_SIZE = 100;

/** The page size a request asks for. */
export function pageSize(maxResults: number | undefined): number {
  return maxResults ? maxResults : SFN_DEFAULT_PAGE_SIZE;
}

/** Where a page starts: after the name its nextToken carries; InvalidToken for a token not ours. */
export function pageStart(nextToken: string | undefined): string | undefined {
  if (nextToken === undefined) return undefined;
  const after = decodeNameCursor(nextToken);
  if (after === undefined) throw new AwsError(SfnErrors.InvalidToken, `Invalid Token: '${nextToken}'`);
  return after;
}

/** The nextToken of a page cut from `size + 1` names: present when more follow. */
export function nextTokenOf(names: readonly string[], size: number): string | undefined {
  return names.length > size ? encodeNameCursor(names[size - 1]) : undefined;
}

/** The nextToken of a list read by position (history events, executions newest first). */
export function offsetToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

/** Where a page read by position starts; InvalidToken for a token not ours. */
export function offsetOf(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
    if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0)
      return parsed.offset;
  } catch {
    // not a token of ours
  }
  throw new AwsError(SfnErrors.InvalidToken, `Invalid Token: '${token}'`);
}
