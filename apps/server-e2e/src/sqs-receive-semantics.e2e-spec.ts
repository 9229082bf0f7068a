import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { useTestServer } from './test-support/test-server';

describe('SQS standard-queue receive semantics', () => {
  const env = useTestServer();
  const { sqs, queue } = env;

  async function fill(url: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 10) {
      const entries = Array.from({ length: Math.min(10, count - i) }, (_, j) => ({
        Id: `m${j}`,
        MessageBody: `body-${i + j}`,
      }));
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
      ids.push(...out.Successful!.map((s) => s.MessageId!));
    }
    return ids;
  }

  it('returns each message at most once per response, even with VisibilityTimeout 0', async () => {
    const url = await queue('sem-zero-visibility');
    await fill(url, 2);
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }),
    );
    const ids = got.Messages!.map((m) => m.MessageId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('never hands one message to two concurrent receivers within its visibility timeout', async () => {
    const url = await queue('sem-concurrent');
    const ids = await fill(url, 60);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () =>
        sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 30 }),
        ),
      ),
    );
    const received = responses.flatMap((r) => r.Messages ?? []).map((m) => m.MessageId!);
    expect(received.length).toBe(new Set(received).size);
    expect([...received].sort()).toEqual([...ids].sort());
    const attrs = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(attrs.Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '60',
    });
  });

  it('applies the queue DelaySeconds and ReceiveMessageWaitTimeSeconds when a request does not set them', async () => {
    const url = await queue('sem-queue-defaults', { DelaySeconds: '1', ReceiveMessageWaitTimeSeconds: '5' });
    const started = Date.now();
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    await new Promise((r) => setTimeout(r, 100));
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'delayed by the queue' }));
    const delayed = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessagesDelayed'],
      }),
    );
    expect(delayed.Attributes?.ApproximateNumberOfMessagesDelayed).toBe('1');
    const got = await waiting;
    expect(got.Messages?.[0].Body).toBe('delayed by the queue');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeLessThan(4_000);
    // A per-message DelaySeconds of 0 overrides the queue's delay.
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'now', DelaySeconds: 0 }));
    expect(
      (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0 }))).Messages?.[0].Body,
    ).toBe('now');
  });

  it('round-trips the AWSTraceHeader system attribute', async () => {
    const url = await queue('sem-trace');
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'traced',
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: header } },
      }),
    );
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['AWSTraceHeader'] }),
    );
    expect(got.Messages?.[0].Attributes).toEqual({ AWSTraceHeader: header });
  });

  it('accepts a repeated delete of the same receipt handle, and refuses a visibility change of a deleted message', async () => {
    const url = await queue('sem-delete-twice');
    await fill(url, 1);
    const [m] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages!;
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    await expect(
      sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle })),
    ).resolves.toBeDefined();
    await expect(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: m.ReceiptHandle,
          VisibilityTimeout: 10,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('refuses to recreate a queue within 60 seconds of deleting it', async () => {
    const url = await queue('sem-recreate');
    await sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    await expect(queue('sem-recreate')).rejects.toMatchObject({
      name: 'QueueDeletedRecently',
      Code: 'AWS.SimpleQueueService.QueueDeletedRecently',
    });
  });

  it('serves legacy query requests sent to the queue URL itself, by POST and by GET', async () => {
    const url = await queue('sem-legacy');
    const path = new URL(url).pathname;
    const sent = await fetch(`${env.server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=SendMessage&MessageBody=via%20the%20queue%20URL&Version=2012-11-05',
    });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toMatch(/<MessageId>[0-9a-f-]{36}<\/MessageId>/);
    const got = await fetch(
      `${env.server.url}${path}?Action=ReceiveMessage&AttributeName.1=All&Version=2012-11-05`,
    );
    expect(got.status).toBe(200);
    const xml = await got.text();
    expect(xml).toContain('<Body>via the queue URL</Body>');
    expect(xml).toContain('<Name>ApproximateReceiveCount</Name><Value>1</Value>');
  });
});
