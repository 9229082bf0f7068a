import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSigV4, verifySigV4 } from '@switchyard/aws-wire';
import { LeanAwsClient } from './lean-aws-client';

interface Seen {
  readonly req: IncomingMessage;
  readonly body: Buffer;
}

describe('LeanAwsClient', () => {
  let server: Server;
  let endpoint: string;
  const seen: Seen[] = [];
  let status = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ req, body: Buffer.concat(chunks) });
        res.writeHead(status).end(`answer ${seen.length}`);
      });
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    seen.length = 0;
    status = 200;
  });

  /** Verifies the last request as a server with the given secret would. */
  const verify = (secret: string, body?: Buffer) => {
    const { req, body: sent } = seen[seen.length - 1];
    const auth = readSigV4({ headers: req.headers }, undefined);
    if (!auth) throw new Error('the request carries no SigV4 Authorization header');
    const signable = {
      method: req.method!,
      path: req.url!,
      rawQuery: '',
      headers: req.headers,
      body: body ?? sent,
    };
    verifySigV4(signable, auth, (id) => (id === 'AKIDLEAN' ? secret : undefined), Date.now());
    return auth;
  };

  /** Runs `use` with a client of key AKIDLEAN and the given secret, closed afterwards. */
  const withClient = async (
    region: string,
    secretAccessKey: string,
    use: (client: LeanAwsClient) => Promise<void>,
  ) => {
    const client = new LeanAwsClient(endpoint, region, { accessKeyId: 'AKIDLEAN', secretAccessKey });
    try {
      await use(client);
    } finally {
      client.close();
    }
  };

  it('signs each request with SigV4 for the service, region and key, as a server verifies it', async () => {
    await withClient('eu-west-1', 'the-secret', async (client) => {
      const text = await client.post(
        'sqs',
        { 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
        '{"QueueUrl":"q"}',
      );
      expect(text).toBe('answer 1');
      const auth = verify('the-secret');
      expect(auth).toMatchObject({ accessKeyId: 'AKIDLEAN', region: 'eu-west-1', service: 'sqs' });
      expect(seen[0].req.headers['x-amz-target']).toBe('AmazonSQS.ReceiveMessage');
      expect(seen[0].body.toString()).toBe('{"QueueUrl":"q"}');
      // Another secret, or another body under the same signature, does not verify.
      expect(() => verify('another-secret')).toThrow(/signature/i);
      expect(() => verify('the-secret', Buffer.from('{"QueueUrl":"r"}'))).toThrow(/signature/i);
    });
  });

  it('keeps its connection alive between requests, and a body that is not ASCII is signed as its bytes', async () => {
    await withClient('us-east-1', 's', async (client) => {
      await client.post('sns', {}, 'Action=Publish&Message=%C3%A9');
      await client.post('sns', {}, 'Message=é and ü');
      expect(seen[0].req.socket).toBe(seen[1].req.socket);
      expect(seen[1].body.toString()).toBe('Message=é and ü');
      expect(verify('s').service).toBe('sns');
    });
  });

  it('rejects with the status and body of an answer other than 200', async () => {
    status = 400;
    await withClient('us-east-1', 's', async (client) => {
      await expect(client.post('sqs', {}, '{}')).rejects.toThrow('sqs answered 400: answer 1');
    });
  });
});
