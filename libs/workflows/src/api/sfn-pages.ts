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
