import { decodeNameCursor, encodeNameCursor } from '@switchyard/aws-wire';
import { snsInvalidParameter } from '../errors/sns-errors';

/** SNS list operations answer 100 items a page. */
export const SNS_PAGE_SIZE = 100;

/** Where a page of an SNS list starts: after the name its NextToken carries. */
export function snsPageStart(nextToken: string | undefined): string | undefined {
  if (nextToken === undefined || nextToken === '') return undefined;
  const after = decodeNameCursor(nextToken);
  if (after === undefined) throw snsInvalidParameter('Invalid parameter: NextToken');
  return after;
}

/**
 * Cuts a page from items in name order after the page's start (`SNS_PAGE_SIZE + 1` of them tell
 * whether more follow); the token carries the name of the page's last item.
 */
export function snsPage<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
): { items: T[]; NextToken?: string } {
  const page = items.slice(0, SNS_PAGE_SIZE);
  return {
    items: page,
    NextToken: items.length > SNS_PAGE_SIZE ? encodeNameCursor(nameOf(page[page.length - 1])) : undefined,
  };
}
