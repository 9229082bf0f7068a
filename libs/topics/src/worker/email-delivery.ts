import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';

/** One email as SNS sends it. */
export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * Sends `email` and `email-json` deliveries over SMTP to the configured relay. Without a relay there
 * is no sending: `send` answers false, and the delivery fails as a client-side failure would.
 */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(@Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions) {}

  /** Whether the relay took the email; false when no relay is configured. Throws on a relay failure. */
  async send(email: Email): Promise<boolean> {
    if (!this.options.smtpUrl) return false;
    this.transport ??= createTransport(this.options.smtpUrl);
    await this.transport.sendMail({
      from: this.options.emailFrom,
      to: email.to,
      subject: email.subject,
      text: email.text,
    });
    return true;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

/** The confirmation mail sent when an email endpoint subscribes. */
export function confirmationEmail(to: string, topicArn: string, subscribeUrl: string): Email {
  return {
    to,
    subject: 'AWS Notification - Subscription Confirmation',
    text: `You have chosen to subscribe to the topic: \n${topicArn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary): \n${subscribeUrl}\n\nPlease do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out\n`,
  };
}

/** A notification mail: the message itself (`email`) or its JSON envelope (`email-json`), with the unsubscribe link. */
export function notificationEmail(
  to: string,
  subject: string | undefined,
  body: string,
  unsubscribeUrl: string,
  json: boolean,
): Email {
  return {
    to,
    subject: subject ?? 'AWS Notification Message',
    text: json
      ? body
      : `${body}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n${unsubscribeUrl}\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact the topic's owner.\n`,
  };
}
