import {
  CreateTopicCommand,
  type MessageAttributeValue,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { createVerify } from 'node:crypto';
import { get as httpsGet } from 'node:https';
import { stringToSignForTest } from './test-support/sns-signatures';
import { useTestServer } from './test-support/test-server';

const ACCOUNT = '000000000000';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

describe('SNS publish and fan-out to SQS through the SDKs', () => {
  const env = useTestServer();
  const { sns, sqs } = env;
  const topic = async (Name: string, Attributes?: Record<string, string>) =>
    (await sns.send(new CreateTopicCommand({ Name, Attributes }))).TopicArn!;
  const subscribe = async (TopicArn: string, queue: string, Attributes?: Record<string, string>) =>
    (
      await sns.send(
        new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn(queue), Attributes }),
      )
    ).SubscriptionArn!;

  /** Receives until `count` messages arrived (the fan-out is asynchronous) or 10 s passed. */
  async function receive(url: string, count: number) {
    const got: Message[] = [];
    const deadline = Date.now() + 10_000;
    while (got.length < count && Date.now() < deadline) {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      got.push(...(out.Messages ?? []));
    }
    return got;
  }

  it('fans a message out to three queues as the signed AWS envelope', async () => {
    const t = await topic('fan-three');
    const urls = await Promise.all(['f1', 'f2', 'f3'].map((q) => env.queue(q)));
    const subs = await Promise.all(['f1', 'f2', 'f3'].map((q) => subscribe(t, q)));
    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn: t,
        Message: 'hello ✓',
        Subject: 'greeting',
        MessageAttributes: { color: { DataType: 'String', StringValue: 'red' } },
      }),
    );
    for (const [i, url] of urls.entries()) {
      const [m] = await receive(url, 1);
      expect(m.Attributes?.SenderId).toBe('AIDAIT2UOQQY3AUEKVGXU');
      const body = JSON.parse(m.Body!);
      expect(Object.keys(body)).toEqual([
        'Type',
        'MessageId',
        'TopicArn',
        'Subject',
        'Message',
        'Timestamp',
        'SignatureVersion',
        'Signature',
        'SigningCertURL',
        'UnsubscribeURL',
        'MessageAttributes',
      ]);
      expect(body).toMatchObject({
        Type: 'Notification',
        MessageId,
        TopicArn: t,
        Subject: 'greeting',
        Message: 'hello ✓',
        SignatureVersion: '1',
        UnsubscribeURL: `${env.server.url}/?Action=Unsubscribe&SubscriptionArn=${subs[i]}`,
        MessageAttributes: { color: { Type: 'String', Value: 'red' } },
      });
      expect(m.Body).toMatch(/^\{\n {2}"Type" : "Notification",\n {2}"MessageId" : /);
      expect(new Date(body.Timestamp).toISOString()).toBe(body.Timestamp);
      expect(body.Signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(stringToSignForTest(body)).toContain(
        `Message\nhello ✓\nMessageId\n${MessageId}\nSubject\ngreeting\n`,
      );
    }
  });

  it("signs SQS envelopes as the topic's SignatureVersion says (2: SHA256)", async () => {
    const t = await topic('signed-v2', { SignatureVersion: '2' });
    const url = await env.queue('signed-v2');
    await subscribe(t, 'signed-v2');
    await sns.send(new PublishCommand({ TopicArn: t, Message: 'signed with SHA256' }));
    const [m] = await receive(url, 1);
    const body = JSON.parse(m.Body!);
    expect(body.SignatureVersion).toBe('2');
    const pem = await new Promise<string>((resolve, reject) =>
      httpsGet(body.SigningCertURL, { rejectUnauthorized: false }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve(text));
      }).on('error', reject),
    );
    const verifier = createVerify('RSA-SHA256');
    verifier.update(stringToSignForTest(body), 'utf8');
    expect(verifier.verify(pem, body.Signature, 'base64')).toBe(true);
  });

  it('delivers raw messages with their attributes as SQS message attributes', async () => {
    const t = await topic('fan-raw');
    const url = await env.queue('raw-q');
    await subscribe(t, 'raw-q', { RawMessageDelivery: 'true' });
    await sns.send(
      new PublishCommand({
        TopicArn: t,
        Message: '{"order":1}',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'order' },
          n: { DataType: 'Number', StringValue: '42' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) },
        },
      }),
    );
    const [m] = await receive(url, 1);
    expect(m.Body).toBe('{"order":1}');
    expect(m.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'order' },
      n: { DataType: 'Number', StringValue: '42' },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
    });
  });

  it('filters on message attributes and on the body', async () => {
    const t = await topic('fan-filter');
    const [reds, bodies, all] = await Promise.all(['reds', 'bodies', 'all'].map((q) => env.queue(q)));
    await subscribe(t, 'reds', {
      FilterPolicy: JSON.stringify({ color: ['red'] }),
      RawMessageDelivery: 'true',
    });
    const bodySub = await subscribe(t, 'bodies', { RawMessageDelivery: 'true' });
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: bodySub,
        AttributeName: 'FilterPolicyScope',
        AttributeValue: 'MessageBody',
      }),
    );
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: bodySub,
        AttributeName: 'FilterPolicy',
        AttributeValue: JSON.stringify({ size: [{ numeric: ['>', 10] }] }),
      }),
    );
    await subscribe(t, 'all', { RawMessageDelivery: 'true' });
    const publish = (Message: string, color?: string) =>
      sns.send(
        new PublishCommand({
          TopicArn: t,
          Message,
          MessageAttributes: color ? { color: { DataType: 'String', StringValue: color } } : undefined,
        }),
      );
    await publish('{"size":5}', 'red');
    await publish('{"size":50}', 'blue');
    await publish('{"size":500}');
    expect((await receive(all, 3)).map((m) => m.Body).sort()).toEqual([
      '{"size":500}',
      '{"size":50}',
      '{"size":5}',
    ]);
    expect((await receive(reds, 1)).map((m) => m.Body)).toEqual(['{"size":5}']);
    expect((await receive(bodies, 2)).map((m) => m.Body).sort()).toEqual(['{"size":500}', '{"size":50}']);
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: reds, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe('0');
  });

  it('publishes batches: each entry answered, the bad ones failed on their own', async () => {
    const t = await topic('fan-batch');
    const url = await env.queue('batch-q');
    await subscribe(t, 'batch-q', { RawMessageDelivery: 'true' });
    const out = await sns.send(
      new PublishBatchCommand({
        TopicArn: t,
        PublishBatchRequestEntries: [
          { Id: 'a', Message: 'one' },
          { Id: 'b', Message: '' },
          { Id: 'c', Message: 'three' },
        ],
      }),
    );
    expect(out.Successful?.map((s) => s.Id)).toEqual(['a', 'c']);
    expect(out.Failed).toEqual([
      { Id: 'b', Code: 'InvalidParameter', SenderFault: true, Message: 'Invalid parameter: Empty message' },
    ]);
    expect((await receive(url, 2)).map((m) => m.Body).sort()).toEqual(['one', 'three']);
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, Message: 'x' }));
    await expect(
      sns.send(new PublishBatchCommand({ TopicArn: t, PublishBatchRequestEntries: entries(11) })),
    ).rejects.toMatchObject({
      name: 'TooManyEntriesInBatchRequestException',
    });
    await expect(
      sns.send(
        new PublishBatchCommand({
          TopicArn: t,
          PublishBatchRequestEntries: [
            { Id: 'd', Message: 'x' },
            { Id: 'd', Message: 'y' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinctException' });
  });

  it('keeps per-group order from a FIFO topic into a FIFO queue, de-duplicated', async () => {
    const t = await topic('fan-orders.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' });
    const url = await env.queue('fan-orders.fifo', { FifoQueue: 'true' });
    await subscribe(t, 'fan-orders.fifo', { RawMessageDelivery: 'true' });
    const sequence: string[] = [];
    for (let i = 0; i < 20; i++) {
      const out = await sns.send(
        new PublishCommand({ TopicArn: t, Message: `m${i}`, MessageGroupId: `g${i % 2}` }),
      );
      sequence.push(out.SequenceNumber!);
    }
    const dup = await sns.send(new PublishCommand({ TopicArn: t, Message: 'm0', MessageGroupId: 'g0' }));
    expect(dup.SequenceNumber).toBe(sequence[0]);
    expect([...sequence].sort()).toEqual(sequence);
    const got: string[] = [];
    const deadline = Date.now() + 10_000;
    while (got.length < 20 && Date.now() < deadline) {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 0,
        }),
      );
      for (const m of out.Messages ?? []) got.push(m.Body!);
      // Delete what was read so each group's next message becomes receivable.
      for (const m of out.Messages ?? [])
        await sqs.send(
          new DeleteMessageCommand({
            QueueUrl: url,
            ReceiptHandle: m.ReceiptHandle!,
          }),
        );
    }
    const group = (g: number) => got.filter((b) => Number(b.slice(1)) % 2 === g);
    expect(group(0)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i * 2}`));
    expect(group(1)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i * 2 + 1}`));
  });

  it("refuses bad publishes in SNS's words", async () => {
    const t = await topic('fan-bad');
    const fifo = await topic('fan-bad.fifo', { FifoTopic: 'true' });
    const cases: [object, string][] = [
      [{ TopicArn: t, Message: '' }, 'Invalid parameter: Empty message'],
      [{ TopicArn: t, Message: 'x'.repeat(262_145) }, 'Invalid parameter: Message too long'],
      [{ TopicArn: t, Message: 'x', Subject: '' }, 'Invalid parameter: Subject'],
      [
        { TopicArn: t, Message: '{"a":1}', MessageStructure: 'json' },
        'Invalid parameter: Message Structure - No default entry in JSON message body',
      ],
      [
        { TopicArn: t, Message: '{', MessageStructure: 'json' },
        'Invalid parameter: Message Structure - JSON message body failed to parse',
      ],
      [
        { TopicArn: fifo, Message: 'x' },
        'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
      ],
      [
        { TopicArn: fifo, Message: 'x', MessageGroupId: 'g' },
        'Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      ],
    ];
    for (const [input, message] of cases) {
      await expect(sns.send(new PublishCommand(input as never))).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message,
      });
    }
    await expect(sns.send(new PublishCommand({ TopicArn: `${t}-gone`, Message: 'x' }))).rejects.toMatchObject(
      {
        name: 'NotFoundException',
        message: 'Topic does not exist',
      },
    );
  });

  it('takes messages up to 1 MiB on a topic set for them, for SQS and Lambda subscribers only', async () => {
    const t = await topic('fan-large');
    const url = await env.queue('large-q', { MaximumMessageSize: '1048576' });
    await subscribe(t, 'large-q', { RawMessageDelivery: 'true' });
    await sns.send(
      new SetTopicAttributesCommand({
        TopicArn: t,
        AttributeName: 'MaximumMessageSize',
        AttributeValue: '1048576',
      }),
    );
    const big = 'x'.repeat(300_000);
    await sns.send(new PublishCommand({ TopicArn: t, Message: big }));
    expect((await receive(url, 1))[0].Body).toBe(big);
    await expect(
      sns.send(new SubscribeCommand({ TopicArn: t, Protocol: 'http', Endpoint: 'http://127.0.0.1:9/x' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('only to sqs and lambda'),
    });
    const mixed = await topic('fan-large-mixed');
    await sns.send(
      new SubscribeCommand({ TopicArn: mixed, Protocol: 'http', Endpoint: 'http://127.0.0.1:9/x' }),
    );
    await expect(
      sns.send(
        new SetTopicAttributesCommand({
          TopicArn: mixed,
          AttributeName: 'MaximumMessageSize',
          AttributeValue: '1048576',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('http subscription'),
    });
  });

  it('answers InvalidParameter, not a failure, for a message attribute named without a value', async () => {
    const t = await topic('fan-bare-attribute');
    // The SDK checks nothing itself: an attribute without a DataType goes out as
    // `MessageAttributes.entry.1.Name=kind` alone, signed as any request.
    await expect(
      env.sns.send(
        new PublishCommand({
          TopicArn: t,
          Message: 'm',
          MessageAttributes: { kind: {} as MessageAttributeValue },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
  });
});
