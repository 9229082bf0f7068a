import { Injectable } from '@nestjs/common';
import { AwsRouter } from '@switchyard/aws-wire';
import {
  type IntegrationService,
  integrationFailure,
  sdkMetadata,
  type TaskOutcome,
  taskSucceeded,
} from './task-outcome';

const SQS: IntegrationService = {
  errorPrefix: 'SQS',
  causeName: 'AmazonSQS',
  queryCodes: true,
  oneErrorName: 'SQS.AmazonSQSException',
};
const SNS: IntegrationService = { errorPrefix: 'SNS', causeName: 'AmazonSNS', queryCodes: true };

/** A message body or text given as JSON in a definition is sent as its JSON text, as AWS sends it. */
function asText(value: unknown): unknown {
  return value === undefined || typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The optimised integrations with Switchyard's queues and topics: `sqs:sendMessage` and
 * `sns:publish` (each also as `.waitForTaskToken`, whose token the parameters carry), calling the
 * services in-process with the parameters their APIs name.
 */
@Injectable()
export class QueueAndTopicIntegrations {
  constructor(private readonly router: AwsRouter) {}

  /** `arn:aws:states:::sqs:sendMessage`: `{MD5OfMessageBody, MessageId, …, SdkHttpMetadata, SdkResponseMetadata}`. */
  async sendMessage(parameters: unknown): Promise<TaskOutcome> {
    const p = { ...(parameters as Record<string, unknown>) };
    p.MessageBody = asText(p.MessageBody);
    try {
      const { output, requestId } = await this.router.call('sqs', 'SendMessage', p);
      return taskSucceeded({ ...output, ...sdkMetadata(requestId, { 'Content-Type': 'text/xml' }) });
    } catch (e) {
      return integrationFailure(e, SQS);
    }
  }

  /** `arn:aws:states:::sns:publish`: `{MessageId, SequenceNumber?, SdkHttpMetadata, SdkResponseMetadata}`. */
  async publish(parameters: unknown): Promise<TaskOutcome> {
    const p = { ...(parameters as Record<string, unknown>) };
    p.Message = asText(p.Message);
    try {
      const { output, requestId } = await this.router.call('sns', 'Publish', p);
      return taskSucceeded({ ...output, ...sdkMetadata(requestId, { 'Content-Type': 'text/xml' }) });
    } catch (e) {
      return integrationFailure(e, SNS);
    }
  }
}
