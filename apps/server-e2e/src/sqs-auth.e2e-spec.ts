import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startTestServer, type TestServer } from './test-support/test-server';

describe('SigV4 verification when credentials are configured', () => {
  let server: TestServer;
  const clients: SQSClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ SWITCHYARD_CREDENTIALS: 'AKIDGOOD:good-secret' });
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await server.close();
  });

  const client = (accessKeyId: string, secretAccessKey: string) => {
    const c = new SQSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts: 1,
    });
    clients.push(c);
    return c;
  };

  it('accepts requests signed with a configured key', async () => {
    await expect(client('AKIDGOOD', 'good-secret').send(new ListQueuesCommand({}))).resolves.toBeDefined();
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and an unknown key with InvalidClientTokenId', async () => {
    await expect(client('AKIDGOOD', 'wrong').send(new ListQueuesCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    await expect(client('AKIDBAD', 'good-secret').send(new ListQueuesCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
  });

  it('refuses an unsigned request', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
