import { decodeNameCursor, encodeNameCursor, invalidParameter } from '@switchyard/aws-wire';

/** The paging members SQS list operations share (their limits are in the SQS limits table). */
export interface PageRequest {
  readonly NextToken?: string;
  readonly MaxResults?: number;
}

/** Pagination tokens carry the last name of the previous page. */
export const encodePageToken = encodeNameCursor;

export function decodePageToken(token: string): string {
  const after = decodeNameCursor(token);
  if (after === undefined) throw invalidParameter('Invalid NextToken value.');
  return after;
}

/** Where a page starts: after the name its token carries. */
export function pageStart(request: PageRequest): string | undefined {
  return request.NextToken ? decodePageToken(request.NextToken) : undefined;
}

/**
 * Cuts a page from names sorted after the start (`limit + 1` of them tell whether more follow). As on
 * AWS, a token is only returned when the request asked for MaxResults.
 */
export function page<T>(
  items: readonly T[],
  request: PageRequest,
  nameOf: (item: T) => string,
): { items: T[]; NextToken?: string } {
  const limit = request.MaxResults ?? 1000;
  const cut = items.slice(0, limit);
  const more = request.MaxResults !== undefined && items.length > limit;
  return { items: cut, NextToken: more ? encodePageToken(nameOf(cut[cut.length - 1])) : undefined };
}
