import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ClientSandbox, requireExecutable, SYSTEM_PYTHON } from './test-support/external-clients';
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

  const client = (accessKeyId: string, secretAccessKey: string, region = 'us-east-1') => {
    const c = new SQSClient({
      endpoint: server.url,
      region,
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

  it('refuses a signature scoped to another region with SignatureDoesNotMatch', async () => {
    await expect(
      client('AKIDGOOD', 'good-secret', 'eu-west-1').send(new ListQueuesCommand({})),
    ).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: expect.stringContaining("not 'eu-west-1'"),
    });
  });

  it('accepts a presigned URL from boto3 until it expires, then answers RequestExpired', async () => {
    requireExecutable(SYSTEM_PYTHON, 'apt-get install -y python3-boto3');
    const sandbox = new ClientSandbox();
    try {
      const presign = async (expiresIn: number) => {
        const script =
          'import sys, boto3\n' +
          "c = boto3.client('sqs', endpoint_url=sys.argv[1], region_name='us-east-1', " +
          "aws_access_key_id='AKIDGOOD', aws_secret_access_key='good-secret')\n" +
          "print(c.generate_presigned_url('list_queues', Params={'QueueNamePrefix': 'p'}, ExpiresIn=int(sys.argv[2]), HttpMethod='GET'))";
        const out = await sandbox.run(SYSTEM_PYTHON, ['-c', script, server.url, String(expiresIn)]);
        if (out.code !== 0) throw new Error(`boto3 could not presign: ${out.stderr}`);
        return out.stdout.trim();
      };
      const url = await presign(300);
      expect(url).toContain('X-Amz-Expires=300');
      const ok = await fetch(url);
      expect([ok.status, await ok.text()]).toEqual([200, expect.stringContaining('<ListQueuesResponse')]);
      const soon = await presign(1);
      await new Promise((r) => setTimeout(r, 2_500));
      const expired = await fetch(soon);
      expect([expired.status, await expired.text()]).toEqual([
        400,
        expect.stringContaining('<Code>RequestExpired</Code>'),
      ]);
    } finally {
      sandbox.cleanup();
    }
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
