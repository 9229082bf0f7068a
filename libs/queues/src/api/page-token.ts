import { invalidParameter } from '@switchyard/aws-wire';

/** Pagination tokens carry the last name of the previous page. */
export function encodePageToken(lastName: string): string {
  return Buffer.from(JSON.stringify({ after: lastName }), 'utf8').toString('base64');
}

export function decodePageToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to the AWS error
  }
  throw invalidParameter('Invalid NextToken value.');
}
