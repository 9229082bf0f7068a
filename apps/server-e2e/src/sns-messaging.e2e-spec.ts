import { CreateTopicCommand, PublishCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { startTestServer, type TestServer } from './test-support/test-server';

/**
 * SMS and mobile push go through a provider: the built-in recording one keeps what would have been
 * sent and shows it; a kind with no provider fails its deliveries to the dead-letter queue.
 */
describe('SNS sms and application subscriptions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SWITCHYARD_SMS_PROVIDER: 'recording' });
  });
  afterAll(() => server?.close());

  const recorded = async (kind: string) =>
    (await (await fetch(`${server.url}/_sns/recorded/${kind}`)).json()) as {
      endpoint: string;
      message: string;
    }[];

  it('records SMS for sms subscriptions and for Publish to a PhoneNumber', async () => {
    const sns = server.sns();
    const TopicArn = (await sns.send(new CreateTopicCommand({ Name: 'sms-topic' }))).TopicArn!;
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sms', Endpoint: '+15555550100' }));
    await sns.send(new PublishCommand({ TopicArn, Message: 'your code is 123456' }));
    await sns.send(new PublishCommand({ PhoneNumber: '+15555550199', Message: 'direct' }));
    const deadline = Date.now() + 10_000;
    let got = await recorded('sms');
    while (got.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      got = await recorded('sms');
    }
    expect(got.map((m) => [m.endpoint, m.message]).sort()).toEqual([
      ['+15555550100', 'your code is 123456'],
      ['+15555550199', 'direct'],
    ]);
    await expect(sns.send(new PublishCommand({ PhoneNumber: '555', Message: 'x' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('fails mobile push without a provider, to the dead-letter queue, never a pretended success', async () => {
    const sns = server.sns();
    const sqs = server.sqs();
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: 'push-dlq' }))).QueueUrl!;
    const TopicArn = (await sns.send(new CreateTopicCommand({ Name: 'push-topic' }))).TopicArn!;
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'application',
        Endpoint: 'arn:aws:sns:us-east-1:000000000000:endpoint/GCM/app/3c8f0a1e-0000-4000-8000-000000000001',
        Attributes: {
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:push-dlq',
          }),
        },
      }),
    );
    await sns.send(new PublishCommand({ TopicArn, Message: 'ping' }));
    let body: string | undefined;
    const deadline = Date.now() + 10_000;
    while (!body && Date.now() < deadline)
      body = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 1 }))).Messages?.[0]
        ?.Body;
    expect(body).toBe('ping');
    expect(await recorded('application')).toEqual([]);
  });
});
