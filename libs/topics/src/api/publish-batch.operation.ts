import { Injectable } from '@nestjs/common';
import { AwsError, type Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { mapSnsError, SnsErrors } from '../errors/sns-errors';
import { Publisher } from './publisher';
import type { SnsOperation } from './sns-operation';

/** Batch entry ids: up to 80 letters, digits, hyphens and underscores. */
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_ENTRIES = 10;

/**
 * PublishBatch: up to 10 messages to one topic, each answered on its own (Successful or Failed),
 * the accepted ones in one atomic step.
 */
@Injectable()
export class PublishBatchOperation implements SnsOperation<'PublishBatch'> {
  readonly name = 'PublishBatch';

  constructor(private readonly publisher: Publisher) {}

  async handle(input: Sns.PublishBatchInput) {
    const topic = parseTopicArn(input.TopicArn);
    const entries = input.PublishBatchRequestEntries;
    if (entries.length === 0)
      throw new AwsError(
        SnsErrors.EmptyBatchRequestException,
        "The batch request doesn't contain any entries.",
      );
    if (entries.length > MAX_ENTRIES)
      throw new AwsError(
        SnsErrors.TooManyEntriesInBatchRequestException,
        'The batch request contains more entries than permissible.',
      );
    const ids = new Set<string>();
    for (const entry of entries) {
      if (!ENTRY_ID.test(entry.Id))
        throw new AwsError(
          SnsErrors.InvalidBatchEntryIdException,
          "The Id of a batch entry in a batch request doesn't abide by the specification.",
        );
      if (ids.has(entry.Id))
        throw new AwsError(
          SnsErrors.BatchEntryIdsNotDistinctException,
          'Two or more batch entries in the request have the same Id.',
        );
      ids.add(entry.Id);
    }
    const { prepared, maxMessageBytes } = await this.publisher.prepare(topic, entries);
    const total = entries.reduce((sum, e) => sum + Buffer.byteLength(e.Message ?? '', 'utf8'), 0);
    if (total > maxMessageBytes)
      throw new AwsError(
        SnsErrors.BatchRequestTooLongException,
        'The length of all the messages put together is more than the limit.',
      );
    const accepted = prepared.flatMap((p, i) => ('message' in p ? [{ ...p, entryId: entries[i].Id }] : []));
    const outcomes = await this.publisher.commit(topic, accepted);
    const Successful = accepted.map((a, i) => ({ Id: a.entryId, ...outcomes[i] }));
    const Failed = prepared.flatMap((p, i) => {
      if (!('error' in p)) return [];
      const error = mapSnsError(p.error);
      if (!error) throw p.error;
      return [
        {
          Id: entries[i].Id,
          Code: error.shape.queryCode ?? error.shape.code,
          SenderFault: error.shape.fault === 'Sender',
          Message: error.message,
        },
      ];
    });
    return { Successful, Failed };
  }
}
