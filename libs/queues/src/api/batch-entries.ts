import { AwsError } from '@switchyard/aws-wire';
import type { Sqs } from '@switchyard/aws-wire';
import { SqsErrors } from '../errors/sqs-errors';

/** At most this many entries per batch request. */
export const MAX_BATCH_ENTRIES = 10;

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Checks a batch's entry list as SQS does: at least one, at most 10, valid and distinct ids. */
export function checkBatchEntries<T extends { Id: string }>(entries: T[], entryName: string): T[] {
  if (entries.length === 0) {
    throw new AwsError(
      SqsErrors.EmptyBatchRequest,
      `There should be at least one ${entryName} in the request.`,
    );
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new AwsError(
      SqsErrors.TooManyEntriesInBatchRequest,
      `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const { Id: id } of entries) {
    if (!ENTRY_ID.test(id)) {
      throw new AwsError(
        SqsErrors.InvalidBatchEntryId,
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(id)) throw new AwsError(SqsErrors.BatchEntryIdsNotDistinct, `Id ${id} repeated.`);
    seen.add(id);
  }
  return entries;
}

/** A failed batch entry as AWS reports it. */
export function failedEntry(id: string, error: AwsError): Sqs.BatchResultErrorEntry {
  return {
    Id: id,
    SenderFault: error.shape.fault === 'Sender',
    Code: error.shape.queryCode ?? error.shape.code,
    Message: error.message,
  };
}
