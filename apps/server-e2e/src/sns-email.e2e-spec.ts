import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  PublishCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { freePort } from '@switchyard/redis';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startTestServer, type TestServer } from './test-support/test-server';

interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** `email` and `email-json` subscriptions through an SMTP sink the test runs. */
describe('SNS email subscriptions', () => {
  const mails: Mail[] = [];
  let smtp: SMTPServer;
  let server: TestServer;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        simpleParser(stream).then(
          (parsed) => {
            mails.push({
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
            });
            callback();
          },
          (e: Error) => callback(e),
        );
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    server = await startTestServer({
      SWITCHYARD_SMTP_URL: `smtp://127.0.0.1:${port}`,
      SWITCHYARD_EMAIL_FROM: 'sns@switchyard.test',
    });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  async function mailTo(address: string, count: number): Promise<Mail[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const got = mails.filter((m) => m.to === address);
      if (got.length >= count || Date.now() > deadline) return got;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('sends the confirmation mail, confirms through its link, then mails each message', async () => {
    const sns = server.sns();
    const TopicArn = (await sns.send(new CreateTopicCommand({ Name: 'mail-topic' }))).TopicArn!;
    const sub = await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'email',
        Endpoint: 'ops@example.test',
        ReturnSubscriptionArn: true,
      }),
    );
    const [confirmation] = await mailTo('ops@example.test', 1);
    expect(confirmation.subject).toBe('AWS Notification - Subscription Confirmation');
    const link = /(http:\/\/\S+Action=ConfirmSubscription\S+)/.exec(confirmation.text)![1];
    expect((await fetch(link)).status).toBe(200);
    expect(
      (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: sub.SubscriptionArn })))
        .Attributes?.PendingConfirmation,
    ).toBe('false');
    await sns.send(new PublishCommand({ TopicArn, Message: 'the disk is full', Subject: 'Alarm' }));
    const [, notification] = await mailTo('ops@example.test', 2);
    expect(notification.subject).toBe('Alarm');
    expect(notification.text).toContain('the disk is full');
    expect(notification.text).toContain('Action=Unsubscribe');
  });

  it('mails the JSON envelope to email-json subscribers', async () => {
    const sns = server.sns();
    const TopicArn = (await sns.send(new CreateTopicCommand({ Name: 'mail-json-topic' }))).TopicArn!;
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email-json', Endpoint: 'bot@example.test' }));
    const [confirmation] = await mailTo('bot@example.test', 1);
    await fetch(/(http:\/\/\S+Action=ConfirmSubscription\S+)/.exec(confirmation.text)![1]);
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn, Message: 'json please' }));
    const [, notification] = await mailTo('bot@example.test', 2);
    expect(JSON.parse(notification.text)).toMatchObject({
      Type: 'Notification',
      MessageId,
      Message: 'json please',
    });
  });
});
