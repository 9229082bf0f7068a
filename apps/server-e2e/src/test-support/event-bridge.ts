import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { TestServer } from './test-server';

/** An EventBridge client of a test server, as its other clients are made (no retries, test keys). */
export function eventBridgeClient(server: TestServer): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

/** Receives from a queue until `count` messages arrived (deliveries are asynchronous) or `ms` passed. */
export async function receiveMessages(
  sqs: Pick<SQSClient, 'send'>,
  QueueUrl: string,
  count: number,
  ms = 10_000,
): Promise<Message[]> {
  const got: Message[] = [];
  const deadline = Date.now() + ms;
  while (got.length < count && Date.now() < deadline) {
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    got.push(...(out.Messages ?? []));
  }
  return got;
}
