import { Injectable } from '@nestjs/common';
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

  constructor(private readonly publisher: Publisher) {}

  async handle(input: Sns.PublishInput) {
    if (input.PhoneNumber !== undefined && input.TopicArn === undefined && input.TargetArn === undefined)
      throw snsInvalidParameter(
        'Invalid parameter: PhoneNumber Reason: direct SMS publishing is not served by Switchyard',
      );
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
