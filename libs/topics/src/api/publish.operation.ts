import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@switchyard/runtime';
import { MessagingProviders } from '../domain/recording-provider';
import type { Sns } from '@switchyard/aws-wire';
import { parseTopicArn } from '../domain/topic-ref';
import { snsInvalidParameter } from '../errors/sns-errors';
import { Publisher } from './publisher';
import type { SnsOperation } from './sns-operation';

/**
 * Publish: a message to a topic, answered once it is durably accepted; the fan-out to the
 * subscriptions happens after, in the delivery workers. FIFO topics answer its sequence number.
 */
@Injectable()
export class PublishOperation implements SnsOperation<'Publish'> {
  readonly name = 'Publish';

  constructor(
    private readonly publisher: Publisher,
    private readonly providers: MessagingProviders,
    private readonly clock: Clock,
  ) {}

  /** A text message straight to a phone number, through the SMS provider. */
  private async publishSms(phoneNumber: string, message: string) {
    if (!/^\+[1-9]\d{1,14}$/.test(phoneNumber))
      throw snsInvalidParameter('Invalid parameter: PhoneNumber Reason: it must be in E.164 format');
    if (message === undefined || message === '')
      throw snsInvalidParameter('Invalid parameter: Empty message');
    if (!this.providers.configured('sms'))
      throw snsInvalidParameter(
        'Invalid parameter: PhoneNumber Reason: no SMS provider is configured (SWITCHYARD_SMS_PROVIDER)',
      );
    const MessageId = randomUUID();
    await this.providers.send(
      'sms',
      { endpoint: phoneNumber, message, messageId: MessageId },
      this.clock.now(),
    );
    return { MessageId };
  }

  async handle(input: Sns.PublishInput) {
    if (input.PhoneNumber !== undefined && input.TopicArn === undefined && input.TargetArn === undefined)
      return this.publishSms(input.PhoneNumber, input.Message);
    const arn = input.TopicArn ?? input.TargetArn;
    if (arn === undefined)
      throw snsInvalidParameter(
        'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter',
      );
    if (input.TopicArn === undefined && !/^arn:[^:]+:sns:[^:]*:\d{12}:[^:/]+$/.test(arn))
      throw snsInvalidParameter(
        'Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified',
      );
    const topic = parseTopicArn(arn, input.TopicArn !== undefined ? 'TopicArn' : 'TargetArn');
    const {
      prepared: [prepared],
    } = await this.publisher.prepare(topic, [input]);
    if ('error' in prepared) throw prepared.error;
    const [outcome] = await this.publisher.commit(topic, [prepared]);
    return outcome;
  }
}
