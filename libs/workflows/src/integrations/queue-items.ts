import { Injectable } from '@nestjs/common';
import type { EngineEffect, PendingOutcome } from '@switchyard/asl';
import { AwsRouter } from '@switchyard/aws-wire';

type ItemsRequest = Extract<EngineEffect, { type: 'items' }>['reader'];

/** `arn:aws:states:::sqs:receiveMessage` as an ItemReader: a Switchyard queue drained into a Map's items. */
export const QUEUE_READER = /^arn:[^:]+:states:::sqs:receiveMessage$/;

/** How long drained messages stay invisible until the items are stored and the messages deleted. */
const HIDDEN_SECONDS = 900;

/** Items read from a queue, and what to do once they are stored: delete their messages. */
export interface DrainedItems {
  readonly outcome: Extract<PendingOutcome, { type: 'items' }>;
  readonly settle?: () => Promise<void>;
}

/**
 * Drains a Switchyard queue into a Distributed Map's items (an extension of AWS's readers: the
 * resource `arn:aws:states:::sqs:receiveMessage` with `Parameters.QueueUrl`): messages are received
 * until the queue has none visible or `ReaderConfig.MaxItems` is reached, each becoming an item
 * `{MessageId, Body, MD5OfBody, Attributes, MessageAttributes}`; they stay hidden while the items
 * are stored, and are deleted only then (`settle`), so a crash before that gives them back.
 */
@Injectable()
export class QueueItems {
  constructor(private readonly router: AwsRouter) {}

  async read(reader: ItemsRequest): Promise<DrainedItems> {
    const queueUrl = (reader.parameters as { QueueUrl?: unknown } | undefined)?.QueueUrl;
    if (typeof queueUrl !== 'string')
      return {
        outcome: {
          type: 'items',
          error: 'States.ItemReaderFailed',
          cause: "The ItemReader's Parameters need a QueueUrl.",
        },
      };
    const max = reader.maxItems ?? 0;
    const items: unknown[] = [];
    const receipts: string[] = [];
    try {
      for (;;) {
        const want = max > 0 ? Math.min(10, max - items.length) : 10;
        if (want <= 0) break;
        const { output } = await this.router.call('sqs', 'ReceiveMessage', {
          QueueUrl: queueUrl,
          MaxNumberOfMessages: want,
          VisibilityTimeout: HIDDEN_SECONDS,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        });
        const messages = (output.Messages ?? []) as Record<string, unknown>[];
        if (messages.length === 0) break;
        for (const { ReceiptHandle, ...message } of messages) {
          receipts.push(String(ReceiptHandle));
          items.push(message);
        }
      }
    } catch (e) {
      return { outcome: { type: 'items', error: 'States.ItemReaderFailed', cause: (e as Error).message } };
    }
    return {
      outcome: { type: 'items', items },
      settle: async () => {
        for (let i = 0; i < receipts.length; i += 10)
          await this.router.call('sqs', 'DeleteMessageBatch', {
            QueueUrl: queueUrl,
            Entries: receipts
              .slice(i, i + 10)
              .map((ReceiptHandle, k) => ({ Id: String(i + k), ReceiptHandle })),
          });
      },
    };
  }
}
