import { Injectable } from '@nestjs/common';
import { AwsError, type AwsOperation, type OperationContext, s } from '@switchyard/aws-wire';
import { Clock } from '../clock';
import { SqsErrors } from '../errors/sqs-errors';
import { isFifoQueue, QueueStore } from '../store/queue.store';
import { checkBatchEntries, failedEntry } from './batch-entries';
import {
  MAX_MESSAGE_BYTES,
  type PreparedMessage,
  prepareMessage,
  type SendEntry,
  sendResult,
} from './outgoing-message';
import { QueueDirectory } from './queue-directory';
import { failedList, sendMessageFields, sendResultFields } from './sqs-shapes';

interface SendMessageBatchInput {
  QueueUrl?: string;
  Entries?: (SendEntry & { Id?: string })[];
}

/** SendMessageBatch: up to 10 messages in one atomic store step; bad entries fail alone. */
@Injectable()
export class SendMessageBatchOperation implements AwsOperation<SendMessageBatchInput> {
  readonly name = 'SendMessageBatch';
  readonly input = s.struct({
    QueueUrl: 'string',
    Entries: s.list(s.struct({ Id: 'string', ...sendMessageFields }), 'SendMessageBatchRequestEntry'),
  });
  readonly output = s.struct({
    Successful: s.list(s.struct({ Id: 'string', ...sendResultFields }), 'SendMessageBatchResultEntry'),
    Failed: failedList,
  });

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly clock: Clock,
  ) {}

  async handle(input: SendMessageBatchInput, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl, ctx);
    const entries = checkBatchEntries(input.Entries, 'SendMessageBatchRequestEntry');
    const now = this.clock.now();
    const fifo = isFifoQueue(queue);
    const failed: ReturnType<typeof failedEntry>[] = [];
    const accepted: { id: string; prepared: PreparedMessage }[] = [];
    let total = 0;
    for (const entry of entries) {
      try {
        const prepared = prepareMessage(entry, ctx, now, fifo);
        total += prepared.outgoing.size;
        accepted.push({ id: entry.Id, prepared });
      } catch (e) {
        if (!(e instanceof AwsError)) throw e;
        failed.push(failedEntry(entry.Id, e));
      }
    }
    if (total > MAX_MESSAGE_BYTES) {
      throw new AwsError(
        SqsErrors.BatchRequestTooLong,
        `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`,
      );
    }
    const successful = [];
    if (accepted.length > 0) {
      const { outcomes, maxSize } = await this.directory.call(() =>
        this.store.send(
          queue,
          now,
          accepted.map((a) => a.prepared.outgoing),
        ),
      );
      for (let i = 0; i < accepted.length; i++) {
        try {
          successful.push(sendResult(accepted[i].prepared, outcomes[i], maxSize, accepted[i].id));
        } catch (e) {
          if (!(e instanceof AwsError)) throw e;
          failed.push(failedEntry(accepted[i].id, e));
        }
      }
    }
    return { Successful: successful, Failed: failed };
  }
}
