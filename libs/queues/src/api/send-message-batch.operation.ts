import { Injectable } from '@nestjs/common';
import { AwsError, type OperationContext, type Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { InvalidMessage } from '../domain/invalid-message';
import { MAX_MESSAGE_BYTES, type PreparedMessage } from '../domain/outgoing-message';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueSender } from '../domain/queue-sender';
import { entryError, queueDoesNotExist, SqsErrors } from '../errors/sqs-errors';
import { QueueStore } from '../store/queue.store';
import { checkBatchEntries, failedEntry } from './batch-entries';
import { senderIdOf, type SqsOperation } from './sqs-operation';

/** SendMessageBatch: up to 10 messages in one atomic store step; bad entries fail alone. */
@Injectable()
export class SendMessageBatchOperation implements SqsOperation<'SendMessageBatch'> {
  readonly name = 'SendMessageBatch';

  constructor(
    private readonly store: QueueStore,
    private readonly directory: QueueDirectory,
    private readonly sender: QueueSender,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.SendMessageBatchRequest, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl);
    const entries = checkBatchEntries(input.Entries, 'SendMessageBatchRequestEntry');
    const now = this.clock.now();
    const failed: Sqs.BatchResultErrorEntry[] = [];
    const accepted: PreparedMessage[] = [];
    const acceptedIds: string[] = [];
    let total = 0;
    this.sender.prepare(queue, entries, senderIdOf(ctx), now).forEach((prepared, i) => {
      if (prepared instanceof InvalidMessage) {
        failed.push(failedEntry(entries[i].Id, entryError(prepared)));
        return;
      }
      total += prepared.outgoing.size;
      accepted.push(prepared);
      acceptedIds.push(entries[i].Id);
    });
    if (total > MAX_MESSAGE_BYTES) {
      throw new AwsError(
        SqsErrors.BatchRequestTooLong,
        `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`,
      );
    }
    // With every entry refused, no store step would notice a missing queue: AWS answers that first.
    if (accepted.length === 0 && !(await this.store.exists(queue))) throw queueDoesNotExist();
    const successful: Sqs.SendMessageBatchResultEntry[] = [];
    const results = await this.sender.commit(queue, accepted, now, acceptedIds);
    results.forEach((result, i) => {
      if (result instanceof InvalidMessage) failed.push(failedEntry(acceptedIds[i], entryError(result)));
      else successful.push(result as Sqs.SendMessageBatchResultEntry);
    });
    return { Successful: successful, Failed: failed };
  }
}
