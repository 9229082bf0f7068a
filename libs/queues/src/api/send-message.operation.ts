import { Injectable } from '@nestjs/common';
import type { OperationContext, Sqs } from '@switchyard/aws-wire';
import { Clock } from '@switchyard/runtime';
import { QueueDirectory } from '../domain/queue-directory';
import { QueueSender } from '../domain/queue-sender';
import { InvalidMessage } from '../domain/invalid-message';
import { senderIdOf, type SqsOperation } from './sqs-operation';

/** SendMessage: enqueues one message. */
@Injectable()
export class SendMessageOperation implements SqsOperation<'SendMessage'> {
  readonly name = 'SendMessage';

  constructor(
    private readonly directory: QueueDirectory,
    private readonly sender: QueueSender,
    private readonly clock: Clock,
  ) {}

  async handle(input: Sqs.SendMessageRequest, ctx: OperationContext) {
    const queue = this.directory.resolve(input.QueueUrl);
    const now = this.clock.now();
    const [prepared] = this.sender.prepare(queue, [input], senderIdOf(ctx), now);
    if (prepared instanceof InvalidMessage) throw prepared;
    const [sent] = await this.sender.commit(queue, [prepared], now);
    if (sent instanceof InvalidMessage) throw sent;
    return sent;
  }
}
