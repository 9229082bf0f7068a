import { decodeNameCursor, encodeNameCursor } from '@switchyard/aws-wire';
import { validationError } from '../errors/events-errors';

/** List operations answer at most 100 items a page (their Limit's maximum), 100 when no Limit is given. */
export const MAX_PAGE = 100;

/** Where a page starts: after the name its NextToken carries. */
export function pageStart(nextToken: string | undefined): string | undefined {
  if (nextToken === undefined) return undefined;
  const after = decodeNameCursor(nextToken);
  if (after === undefined) throw validationError('The NextToken provided is invalid.');
  return after;
}

/**
 * A page of `limit` items in name order from up to `limit + 1` read after the page's start; the
 * token, when more follow, carries the name of the page's last item.
 */
export function page<T>(
  items: readonly T[],
  limit: number,
  nameOf: (item: T) => string,
): { items: T[]; NextToken?: string } {
  const out = items.slice(0, limit);
  return {
    items: out,
    ...(items.length > limit ? { NextToken: encodeNameCursor(nameOf(out[out.length - 1])) } : {}),
  };
}

/** A page of items in name order read whole: those after the NextToken's name, `limit` of them. */
export function pageAfter<T>(
  sorted: readonly T[],
  nextToken: string | undefined,
  limit: number | undefined,
  nameOf: (item: T) => string,
): { items: T[]; NextToken?: string } {
  const after = pageStart(nextToken);
  return page(
    after === undefined ? sorted : sorted.filter((item) => nameOf(item) > after),
    limit ?? MAX_PAGE,
    nameOf,
  );
}
