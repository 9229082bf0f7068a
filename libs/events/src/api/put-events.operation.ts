import { Inject, Injectable } from '@nestjs/common';
import { AwsError, type Events, type OperationContext } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { acceptEvent } from '../domain/accepted-event';
import { validationError } from '../errors/events-errors';
import { EVENTS_OPTIONS, type EventsOptions } from '../events.options';
import { EventFlowStore, type AcceptedEvent } from '../store/event-flow.store';
import { eventBusOf } from './event-bus-name';
import type { EventsOperation } from './events-operation';

/** The most a PutEvents request's entries may weigh together, as EventBridge counts them (256 KB). */
export const MAX_REQUEST_BYTES = 256 * 1024;

/** An entry's weight as EventBridge counts it: 14 bytes for a Time, then its texts in UTF-8. */
function entrySize(entry: Events.PutEventsRequestEntry): number {
  let size = entry.Time !== undefined ? 14 : 0;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])])
    if (text !== undefined) size += Buffer.byteLength(text, 'utf8');
  return size;
}

const failure = (ErrorCode: string, ErrorMessage: string): Events.PutEventsResultEntry => ({
  ErrorCode,
  ErrorMessage,
});

function missing(member: 'Source' | 'DetailType' | 'Detail'): Events.PutEventsResultEntry {
  return failure(
    'InvalidArgument',
    `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
  );
}

/** Whether a Detail is what EventBridge takes: the JSON text of an object. */
function isDetail(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/**
 * PutEvents: up to 10 entries of 256 KB together (a heavier request is refused whole). Each entry is
 * checked on its own, as AWS does: Source, DetailType and Detail required, Detail a JSON object, no
 * `aws.` source (those are the AWS services' own), the default bus. The others are accepted in one
 * atomic step, so the answer comes once they are durably in Redis; rules match them afterwards.
 */
@Injectable()
export class PutEventsOperation implements EventsOperation<'PutEvents'> {
  readonly name = 'PutEvents';

  constructor(
    private readonly store: EventFlowStore,
    private readonly clock: Clock,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsOptions,
  ) {}

  /** Why an entry fails, or undefined for one to accept. */
  private entryFailure(
    entry: Events.PutEventsRequestEntry,
    ctx: OperationContext,
  ): Events.PutEventsResultEntry | undefined {
    if (!entry.Source) return missing('Source');
    if (!entry.DetailType) return missing('DetailType');
    if (!entry.Detail) return missing('Detail');
    if (!isDetail(entry.Detail)) return failure('MalformedDetail', 'Detail is malformed.');
    if (entry.Source.startsWith('aws.'))
      return failure('NotAuthorizedForSourceException', 'Not authorized for the source.');
    try {
      eventBusOf(entry.EventBusName, ctx.accountId, this.options.region);
    } catch (error) {
      if (error instanceof AwsError) return failure(error.code, error.message);
      throw error;
    }
    return undefined;
  }

  async handle(input: Events.PutEventsRequest, ctx: OperationContext) {
    if (input.EndpointId !== undefined)
      throw validationError(
        'Parameter EndpointId is not valid. Reason: Switchyard serves no global endpoints.',
      );
    if (input.Entries.reduce((sum, entry) => sum + entrySize(entry), 0) > MAX_REQUEST_BYTES)
      throw validationError('Total size of the entries in the request is over the limit.');
    const now = this.clock.now();
    const accepted: AcceptedEvent[] = [];
    const entries = input.Entries.map((entry) => {
      const failed = this.entryFailure(entry, ctx);
      if (failed) return failed;
      const event = acceptEvent(
        ctx.accountId,
        {
          source: entry.Source!,
          detailType: entry.DetailType!,
          detail: entry.Detail!,
          resources: entry.Resources,
          time: entry.Time?.getTime(),
        },
        now,
      );
      accepted.push(event);
      return { EventId: event.id };
    });
    await this.store.ingest(accepted);
    return { FailedEntryCount: entries.length - accepted.length, Entries: entries };
  }
}
