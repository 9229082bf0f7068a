import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { useTestServer } from './test-support/test-server';

/** Message text carried as bytes that are not UTF-8, in both protocols: refused, never altered. */
describe('SQS and bytes that are not UTF-8', () => {
  const env = useTestServer();

  const count = async (QueueUrl: string) =>
    (
      await env.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      )
    ).Attributes?.ApproximateNumberOfMessages;

  it('answers InvalidMessageContents for an invalid byte in a JSON body', async () => {
    const url = await env.queue('raw-json');
    const body = Buffer.concat([
      Buffer.from(`{"QueueUrl":"${url}","MessageBody":"caf`),
      Buffer.from([0xe9]), // Latin-1 é: not UTF-8
      Buffer.from('"}'),
    ]);
    const res = await fetch(env.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' },
      body,
    });
    expect([res.status, ((await res.json()) as { __type: string }).__type]).toEqual([
      400,
      'com.amazonaws.sqs#InvalidMessageContents',
    ]);
    expect(await count(url)).toBe('0');
  });

  it('answers InvalidMessageContents for an invalid percent-escaped byte in a query body, and in a raw one', async () => {
    const url = await env.queue('raw-query');
    for (const body of [
      Buffer.from(`Action=SendMessage&QueueUrl=${encodeURIComponent(url)}&MessageBody=caf%E9`),
      Buffer.concat([
        Buffer.from(`Action=SendMessage&QueueUrl=${encodeURIComponent(url)}&MessageBody=caf`),
        Buffer.from([0xe9]),
      ]),
    ]) {
      const res = await fetch(env.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect([res.status, await res.text()]).toEqual([
        400,
        expect.stringContaining('<Code>InvalidMessageContents</Code>'),
      ]);
    }
    expect(await count(url)).toBe('0');
  });
});
