import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AwsRouter, type Events, parseArn } from '@switchyard/aws-wire';
import { eventTime } from '../domain/accepted-event';
import { targetInput } from '../domain/target-input';
import type { Delivery } from '../store/event-flow.store';
import type { DeliveryFailure } from './delivery-failure';

/** The queue URL an SQS ARN names, as SQS resolves it (its path: `/<account>/<queue>`). */
function queueUrl(arn: string): string {
  const queue = parseArn(arn)!;
  return `/${queue.accountId}/${queue.resource}`;
}

const attribute = (value: string) => ({ DataType: 'String', StringValue: value });

/**
 * Delivers events to targets by calling their services in-process, as EventBridge calls AWS:
 * SQS SendMessage, SNS Publish, Step Functions StartExecution, through the AWS router (the same
 * checks and errors as a client's request). Dead-letters what cannot be delivered.
 */
@Injectable()
export class TargetInvoker {
  constructor(private readonly router: AwsRouter) {}

  /** Delivers one event to one target; throws what the target's service refused (an AwsError) or TargetInputError. */
  async deliver(delivery: Delivery): Promise<void> {
    const event = JSON.parse(delivery.event) as Record<string, unknown>;
    const { target } = delivery;
    const input = targetInput(target, event, delivery.event, {
      ruleArn: delivery.ruleArn,
      ruleName: delivery.ruleName,
      ingestionTime: eventTime(delivery.acceptedAt),
    });
    const arn = parseArn(target.Arn)!;
    switch (arn.service) {
      case 'sqs':
        await this.router.call('sqs', 'SendMessage', this.sqsMessage(target, input, String(event.id)));
        return;
      case 'sns':
        await this.router.call('sns', 'Publish', { TopicArn: target.Arn, Message: input });
        return;
      case 'states':
        await this.router.call('states', 'StartExecution', {
          stateMachineArn: target.Arn,
          name: randomUUID(),
          input,
        });
        return;
      default:
        // PutTargets refuses other services; a target stored before that rule has nowhere to go.
        throw new Error(`no delivery to ${arn.service} targets`);
    }
  }

  /** SendMessage of an input to a queue target: a FIFO queue gets its message group and the event id to de-duplicate by. */
  private sqsMessage(target: Events.Target, body: string, eventId: string): Record<string, unknown> {
    const fifo = target.Arn.endsWith('.fifo');
    return {
      QueueUrl: queueUrl(target.Arn),
      MessageBody: body,
      ...(target.SqsParameters?.MessageGroupId
        ? { MessageGroupId: target.SqsParameters.MessageGroupId }
        : {}),
      ...(fifo ? { MessageDeduplicationId: eventId } : {}),
    };
  }

  /**
   * Sends an undeliverable event to the target's dead-letter queue with the attributes EventBridge
   * gives it (RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, RETRY_ATTEMPTS and, when a retry limit
   * ended the tries, EXHAUSTED_RETRY_CONDITION). Throws what SQS refused.
   */
  async deadLetter(delivery: Delivery, failure: DeliveryFailure, exhausted?: string): Promise<void> {
    const dlq = delivery.target.DeadLetterConfig!.Arn!;
    await this.router.call('sqs', 'SendMessage', {
      QueueUrl: queueUrl(dlq),
      MessageBody: delivery.event,
      MessageAttributes: {
        RULE_ARN: attribute(delivery.ruleArn),
        TARGET_ARN: attribute(delivery.target.Arn),
        ERROR_CODE: attribute(failure.errorCode),
        ERROR_MESSAGE: attribute(failure.message.slice(0, 1024) || failure.errorCode),
        RETRY_ATTEMPTS: attribute(String(Math.max(0, delivery.failures - 1))),
        ...(exhausted ? { EXHAUSTED_RETRY_CONDITION: attribute(exhausted) } : {}),
      },
    });
  }
}
