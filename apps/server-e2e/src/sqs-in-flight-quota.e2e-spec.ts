import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { useTestServer } from './test-support/test-server';

/**
 * AWS's quota of messages in flight per queue, lowered by configuration so a test can reach it: an SDK
 * consumer sees OverLimit on a short poll of a standard queue and an empty answer on a long poll.
 */
describe('SQS in-flight quota', () => {
  const env = useTestServer({ SWITCHYARD_QUEUE_MAX_IN_FLIGHT: '4' });
  const { sqs, queue } = env;

  async function receive(url: string, waitSeconds: number): Promise<Message[]> {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }),
    );
    return out.Messages ?? [];
  }

  it('refuses a short poll past the quota with OverLimit, answers a long poll with nothing, and frees room on delete', async () => {
    const url = await queue('in-flight-quota');
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: Array.from({ length: 6 }, (_, i) => ({ Id: `m${i}`, MessageBody: `message ${i}` })),
      }),
    );
    const taken = await receive(url, 0);
    expect(taken).toHaveLength(4);

    const refused = await receive(url, 0).catch(
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => e,
    );
    expect(refused).toMatchObject({ name: 'OverLimit', $metadata: { httpStatusCode: 403 } });

    const started = Date.now();
    expect(await receive(url, 1)).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: taken.slice(0, 2).map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    expect((await receive(url, 0)).map((m) => m.Body).sort()).toEqual(
      ['message 0', 'message 1', 'message 2', 'message 3', 'message 4', 'message 5']
        .filter((body) => !taken.some((m) => m.Body === body))
        .sort(),
    );
  });
});
