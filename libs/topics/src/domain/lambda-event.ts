import type { PublishedMessage } from './published-message';
import { type SubscriptionRef, subscriptionArn, topicArnOf } from './subscription';

/**
 * The event a Lambda function receives for an SNS message, as Lambda shapes it: one record with
 * `EventSource: "aws:sns"`, and under `Sns` the notification with `SigningCertUrl`/`UnsubscribeUrl`
 * spelled so, `Subject` null when absent and `MessageAttributes` always present.
 */
export function lambdaEvent(
  ref: SubscriptionRef,
  message: PublishedMessage,
  text: string,
  publicUrl: string,
  signature: { version: string; value: string; certUrl: string },
) {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn(ref),
        Sns: {
          Type: 'Notification',
          MessageId: message.id,
          TopicArn: topicArnOf(ref),
          Subject: message.subject ?? null,
          Message: text,
          Timestamp: message.timestamp,
          SignatureVersion: signature.version,
          Signature: signature.value,
          SigningCertUrl: signature.certUrl,
          UnsubscribeUrl: `${publicUrl}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn(ref)}`,
          MessageAttributes: message.attributes,
        },
      },
    ],
  };
}
