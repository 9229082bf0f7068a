// The calls a fan-out load generator makes, through either of two clients: the AWS SDK (what a user
// sees, with the SDK's own CPU cost on this machine) or LeanAwsClient (what the server sustains, with
// the load generator's cost kept small).
import { PublishBatchCommand, type PublishBatchCommandInput, SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { encodeQueryInput, Sns } from '@switchyard/aws-wire';
import { LeanAwsClient } from '../lean-aws-client';

export type LoadClientKind = 'sdk' | 'lean';
export const LOAD_CLIENT_KINDS: readonly LoadClientKind[] = ['sdk', 'lean'];

export interface Received {
  readonly body: string;
  readonly receiptHandle: string;
}

export interface FanoutLoad {
  /** One PublishBatch of `messages`, each with `attributes` (String values); resolves how many were accepted. */
  publishBatch(
    topicArn: string,
    messages: readonly string[],
    attributes?: Record<string, string>,
  ): Promise<number>;
  /** One ReceiveMessage of up to 10 messages, long-polling for up to a second. */
  receive(queueUrl: string): Promise<Received[]>;
  /** One DeleteMessageBatch; rejects if an entry failed. */
  deleteBatch(queueUrl: string, receiptHandles: readonly string[]): Promise<void>;
  close(): void;
}

/** What every client of the bench is made with (the SDK's client settings; LeanAwsClient takes the first two). */
export const BENCH_CLIENT_SETTINGS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'secret' },
  maxAttempts: 1,
};

function failedDeletes(failed: readonly unknown[] | undefined): void {
  if (failed && failed.length > 0) throw new Error(`DeleteMessageBatch failed: ${JSON.stringify(failed)}`);
}

/** Through @aws-sdk/client-sns and -sqs: one client of each, with its own connection pool. */
/** PublishBatch's input: the messages as entries e0, e1, …, each with the String attributes. */
function publishBatchInput(
  topicArn: string,
  messages: readonly string[],
  attributes: Record<string, string> | undefined,
): PublishBatchCommandInput {
  const MessageAttributes = attributes
    ? Object.fromEntries(
        Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
      )
    : undefined;
  return {
    TopicArn: topicArn,
    PublishBatchRequestEntries: messages.map((Message, i) => ({ Id: `e${i}`, Message, MessageAttributes })),
  };
}

export function sdkLoad(endpoint: string): FanoutLoad {
  const sns = new SNSClient({ ...BENCH_CLIENT_SETTINGS, endpoint });
  const sqs = new SQSClient({ ...BENCH_CLIENT_SETTINGS, endpoint });
  return {
    async publishBatch(topicArn, messages, attributes) {
      const out = await sns.send(new PublishBatchCommand(publishBatchInput(topicArn, messages, attributes)));
      return out.Successful?.length ?? 0;
    },
    async receive(queueUrl) {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      return (out.Messages ?? []).map((m) => ({ body: m.Body!, receiptHandle: m.ReceiptHandle! }));
    },
    async deleteBatch(queueUrl, receiptHandles) {
      const out = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: receiptHandles.map((ReceiptHandle, i) => ({ Id: `d${i}`, ReceiptHandle })),
        }),
      );
      failedDeletes(out.Failed);
    },
    close() {
      sns.destroy();
      sqs.destroy();
    },
  };
}

const SQS_JSON = { 'content-type': 'application/x-amz-json-1.0' };
const SNS_QUERY = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

/**
 * Through LeanAwsClient: SNS's query protocol (written by the gateways' own query serialiser from the
 * generated model) and SQS's JSON protocol, read directly.
 */
export function leanLoad(endpoint: string): FanoutLoad {
  const client = new LeanAwsClient(endpoint, BENCH_CLIENT_SETTINGS.region, BENCH_CLIENT_SETTINGS.credentials);
  const sqs = (operation: string, input: object) =>
    client
      .post('sqs', { ...SQS_JSON, 'x-amz-target': `AmazonSQS.${operation}` }, JSON.stringify(input))
      .then((text) => JSON.parse(text));
  return {
    async publishBatch(topicArn, messages, attributes) {
      const form = new URLSearchParams([
        ['Action', 'PublishBatch'],
        ['Version', Sns.SNS_MODEL.metadata.apiVersion],
        ...encodeQueryInput(
          { ...publishBatchInput(topicArn, messages, attributes) },
          Sns.SNS_MODEL.operations.PublishBatch.input,
        ),
      ]);
      const xml = await client.post('sns', SNS_QUERY, form.toString());
      const successful = /<Successful>([\s\S]*?)<\/Successful>/.exec(xml)?.[1] ?? '';
      return successful.split('<MessageId>').length - 1;
    },
    async receive(queueUrl) {
      const out = await sqs('ReceiveMessage', {
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      });
      return ((out.Messages ?? []) as { Body: string; ReceiptHandle: string }[]).map((m) => ({
        body: m.Body,
        receiptHandle: m.ReceiptHandle,
      }));
    },
    async deleteBatch(queueUrl, receiptHandles) {
      const out = await sqs('DeleteMessageBatch', {
        QueueUrl: queueUrl,
        Entries: receiptHandles.map((ReceiptHandle, i) => ({ Id: `d${i}`, ReceiptHandle })),
      });
      failedDeletes(out.Failed);
    },
    close() {
      client.close();
    },
  };
}

export function fanoutLoad(kind: LoadClientKind, endpoint: string): FanoutLoad {
  return kind === 'lean' ? leanLoad(endpoint) : sdkLoad(endpoint);
}
