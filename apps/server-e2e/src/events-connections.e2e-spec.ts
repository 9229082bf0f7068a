import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateConnectionCommand,
  DeauthorizeConnectionCommand,
  DeleteConnectionCommand,
  DescribeConnectionCommand,
  type EventBridgeClient,
  ListConnectionsCommand,
  UpdateConnectionCommand,
} from '@aws-sdk/client-eventbridge';
import { ConnectionNotAuthorized, ConnectionNotFound, Connections } from '@switchyard/events';
import Redis from 'ioredis';
import { eventBridgeClient } from './test-support/event-bridge';
import { useTestServer } from './test-support/test-server';

const ARN = /^arn:aws:events:us-east-1:000000000000:connection\/[\w.-]+\/[0-9a-f-]{36}$/;

/** An OAuth authorization endpoint: answers a token to the right client credentials, or 401. */
function tokenEndpoint(): Promise<{
  server: Server;
  url: string;
  requests: { req: IncomingMessage; body: string }[];
}> {
  const requests: { req: IncomingMessage; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ req, body });
      const expected = `Basic ${Buffer.from('client-1:client-secret-1').toString('base64')}`;
      if (req.headers.authorization !== expected) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ access_token: `token-${requests.length}`, expires_in: 3600, token_type: 'Bearer' }),
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`,
        requests,
      }),
    ),
  );
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('EventBridge connections through @aws-sdk/client-eventbridge', () => {
  const env = useTestServer();
  let events: EventBridgeClient;
  let connections: Connections;
  beforeAll(() => {
    events = eventBridgeClient(env.server);
    connections = env.server.running.app.get(Connections, { strict: false });
  });
  afterAll(() => events.destroy());

  const describeConnection = (Name: string) => events.send(new DescribeConnectionCommand({ Name }));

  it('creates an API key connection, shows what is not secret, and authorizes requests with it', async () => {
    const created = await events.send(
      new CreateConnectionCommand({
        Name: 'api-key',
        Description: 'orders API',
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'sk_live_api_key_value' },
          InvocationHttpParameters: {
            HeaderParameters: [
              { Key: 'x-team', Value: 'orders', IsValueSecret: false },
              { Key: 'x-signing', Value: 'signing-secret-value', IsValueSecret: true },
            ],
            QueryStringParameters: [{ Key: 'tenant', Value: 't1' }],
            BodyParameters: [{ Key: 'client', Value: 'switchyard', IsValueSecret: false }],
          },
        },
      }),
    );
    expect(created.ConnectionArn).toMatch(ARN);
    expect(created.ConnectionState).toBe('AUTHORIZED');
    expect(created.CreationTime).toBeInstanceOf(Date);

    const described = await describeConnection('api-key');
    expect(described).toMatchObject({
      ConnectionArn: created.ConnectionArn,
      Name: 'api-key',
      Description: 'orders API',
      ConnectionState: 'AUTHORIZED',
      AuthorizationType: 'API_KEY',
      AuthParameters: {
        ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' },
        InvocationHttpParameters: {
          HeaderParameters: [
            { Key: 'x-team', Value: 'orders', IsValueSecret: false },
            { Key: 'x-signing', IsValueSecret: true },
          ],
          QueryStringParameters: [{ Key: 'tenant', Value: 't1' }],
          BodyParameters: [{ Key: 'client', Value: 'switchyard', IsValueSecret: false }],
        },
      },
    });
    expect(JSON.stringify(described)).not.toMatch(/sk_live_api_key_value|signing-secret-value/);
    expect(described.LastAuthorizedTime).toBeInstanceOf(Date);

    await expect(connections.authorization(created.ConnectionArn!)).resolves.toEqual({
      headers: {
        'x-team': 'orders',
        'x-signing': 'signing-secret-value',
        'x-api-key': 'sk_live_api_key_value',
      },
      queryParameters: { tenant: 't1' },
      bodyParameters: { client: 'switchyard' },
    });
  });

  it('keeps no secret in clear in Redis', async () => {
    await events.send(
      new CreateConnectionCommand({
        Name: 'basic',
        AuthorizationType: 'BASIC',
        AuthParameters: { BasicAuthParameters: { Username: 'alice', Password: 'correct-horse-battery' } },
      }),
    );
    const redis = new Redis(env.server.redisUrl);
    try {
      const values: string[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.server.keyPrefix}:*`, 'COUNT', 500);
        cursor = next;
        for (const key of keys) {
          const type = await redis.type(key);
          if (type === 'string') values.push((await redis.get(key)) ?? '');
          if (type === 'hash') values.push(...Object.values(await redis.hgetall(key)));
        }
      } while (cursor !== '0');
      expect(values.join('\n')).toContain('alice');
      expect(values.join('\n')).not.toMatch(
        /correct-horse-battery|sk_live_api_key_value|signing-secret-value/,
      );
    } finally {
      redis.disconnect();
    }
  });

  it('authorizes a basic connection with its user and password', async () => {
    const { ConnectionArn } = await describeConnection('basic');
    expect((await connections.authorization(ConnectionArn!)).headers).toEqual({
      Authorization: `Basic ${Buffer.from('alice:correct-horse-battery').toString('base64')}`,
    });
  });

  it('authorizes an OAuth connection with a token from its endpoint, fetched once and kept', async () => {
    const endpoint = await tokenEndpoint();
    try {
      const created = await events.send(
        new CreateConnectionCommand({
          Name: 'oauth',
          AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
          AuthParameters: {
            OAuthParameters: {
              AuthorizationEndpoint: endpoint.url,
              HttpMethod: 'POST',
              ClientParameters: { ClientID: 'client-1', ClientSecret: 'client-secret-1' },
              OAuthHttpParameters: {
                BodyParameters: [{ Key: 'grant_type', Value: 'client_credentials' }],
                HeaderParameters: [{ Key: 'x-audience', Value: 'orders', IsValueSecret: true }],
              },
            },
          },
        }),
      );
      expect(created.ConnectionState).toBe('AUTHORIZING');
      const described = await until(
        () => describeConnection('oauth'),
        (c) => c.ConnectionState !== 'AUTHORIZING',
      );
      expect(described).toMatchObject({
        ConnectionState: 'AUTHORIZED',
        AuthParameters: {
          OAuthParameters: {
            AuthorizationEndpoint: endpoint.url,
            HttpMethod: 'POST',
            ClientParameters: { ClientID: 'client-1' },
            OAuthHttpParameters: {
              BodyParameters: [{ Key: 'grant_type', Value: 'client_credentials' }],
              HeaderParameters: [{ Key: 'x-audience', IsValueSecret: true }],
            },
          },
        },
      });
      expect(JSON.stringify(described)).not.toContain('client-secret-1');
      const first = endpoint.requests[0];
      expect(first.req.method).toBe('POST');
      expect(first.req.headers['x-audience']).toBe('orders');
      expect(first.req.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(first.body).toBe('grant_type=client_credentials');

      const authorization = await connections.authorization(created.ConnectionArn!);
      expect(authorization.headers.Authorization).toMatch(/^Bearer token-\d$/);
      const again = await connections.authorization(created.ConnectionArn!);
      expect(again.headers.Authorization).toBe(authorization.headers.Authorization);
      const refreshed = await connections.authorization(created.ConnectionArn!, { refresh: true });
      expect(refreshed.headers.Authorization).not.toBe(authorization.headers.Authorization);

      // Credentials the endpoint refuses: DEAUTHORIZED with the reason, and no authorization.
      const updated = await events.send(
        new UpdateConnectionCommand({
          Name: 'oauth',
          AuthParameters: {
            OAuthParameters: { ClientParameters: { ClientID: 'client-1', ClientSecret: 'wrong' } },
          },
        }),
      );
      expect(updated.ConnectionState).toBe('AUTHORIZING');
      const refused = await until(
        () => describeConnection('oauth'),
        (c) => c.ConnectionState !== 'AUTHORIZING',
      );
      expect(refused).toMatchObject({
        ConnectionState: 'DEAUTHORIZED',
        StateReason: 'the authorization endpoint answered HTTP 401',
      });
      await expect(connections.authorization(created.ConnectionArn!)).rejects.toBeInstanceOf(
        ConnectionNotAuthorized,
      );
    } finally {
      endpoint.server.close();
    }
  });

  it('answers ConnectionNotFound for an ARN no connection has', async () => {
    const { ConnectionArn } = await describeConnection('basic');
    for (const arn of [
      ConnectionArn!.replace(/\/[^/]+$/, '/00000000-0000-0000-0000-000000000000'),
      'arn:aws:events:us-east-1:000000000000:connection/nothing/1',
      'arn:aws:events:eu-west-1:000000000000:connection/basic/1',
      'not an arn',
    ])
      await expect(connections.authorization(arn)).rejects.toBeInstanceOf(ConnectionNotFound);
  });

  it('updates parameters by name, keeping the others, and seals them again', async () => {
    const updated = await events.send(
      new UpdateConnectionCommand({
        Name: 'api-key',
        Description: 'orders API v2',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyValue: 'sk_live_rotated' } },
      }),
    );
    expect(updated.ConnectionState).toBe('AUTHORIZED');
    const described = await describeConnection('api-key');
    expect(described).toMatchObject({
      Description: 'orders API v2',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' } },
    });
    const authorization = await connections.authorization(described.ConnectionArn!);
    expect(authorization.headers['x-api-key']).toBe('sk_live_rotated');
    expect(authorization.headers['x-signing']).toBe('signing-secret-value');
  });

  it('deauthorizes a connection, which then authorizes nothing until given new parameters', async () => {
    const out = await events.send(new DeauthorizeConnectionCommand({ Name: 'basic' }));
    expect(out.ConnectionState).toBe('DEAUTHORIZING');
    const described = await describeConnection('basic');
    expect(described.ConnectionState).toBe('DEAUTHORIZED');
    expect(described.AuthParameters).toBeUndefined();
    await expect(connections.authorization(out.ConnectionArn!)).rejects.toBeInstanceOf(
      ConnectionNotAuthorized,
    );
    await expect(
      events.send(new UpdateConnectionCommand({ Name: 'basic', Description: 'no parameters' })),
    ).resolves.toMatchObject({ ConnectionState: 'DEAUTHORIZED' });
    await expect(
      events.send(
        new UpdateConnectionCommand({
          Name: 'basic',
          AuthParameters: { BasicAuthParameters: { Username: 'bob' } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter(s) BasicAuthParameters.Password must be specified for AuthorizationType BASIC.',
    });
    await events.send(
      new UpdateConnectionCommand({
        Name: 'basic',
        AuthParameters: { BasicAuthParameters: { Username: 'bob', Password: 'new-password' } },
      }),
    );
    expect((await connections.authorization(out.ConnectionArn!)).headers.Authorization).toBe(
      `Basic ${Buffer.from('bob:new-password').toString('base64')}`,
    );
  });

  it('lists connections by prefix and state, a page at a time', async () => {
    const all = await events.send(new ListConnectionsCommand({}));
    expect(all.Connections!.map((c) => c.Name)).toEqual(['api-key', 'basic', 'oauth']);
    expect(all.Connections![0]).toMatchObject({
      AuthorizationType: 'API_KEY',
      ConnectionState: 'AUTHORIZED',
    });
    expect(all.NextToken).toBeUndefined();
    const first = await events.send(new ListConnectionsCommand({ Limit: 1 }));
    expect(first.Connections!.map((c) => c.Name)).toEqual(['api-key']);
    const second = await events.send(new ListConnectionsCommand({ Limit: 1, NextToken: first.NextToken }));
    expect(second.Connections!.map((c) => c.Name)).toEqual(['basic']);
    expect(
      (await events.send(new ListConnectionsCommand({ NamePrefix: 'o' }))).Connections!.map((c) => c.Name),
    ).toEqual(['oauth']);
    const deauthorized = await events.send(
      new ListConnectionsCommand({ ConnectionState: 'DEAUTHORIZED', Limit: 1 }),
    );
    expect(deauthorized.Connections!.map((c) => c.Name)).toEqual(['oauth']);
  });

  it("answers AWS's errors", async () => {
    const apiKey = {
      AuthorizationType: 'API_KEY' as const,
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } },
    };
    await expect(
      events.send(new CreateConnectionCommand({ Name: 'api-key', ...apiKey })),
    ).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'Connection api-key already exists.',
    });
    await expect(describeConnection('missing')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Failed to describe the connection(s). Connection 'missing' does not exist.",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      events.send(new CreateConnectionCommand({ Name: 'bad name', ...apiKey })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
    });
    await expect(
      events.send(
        new CreateConnectionCommand({
          Name: 'mixed',
          AuthorizationType: 'BASIC',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Parameter(s) ApiKeyAuthParameters cannot be given for AuthorizationType BASIC.',
    });
    await expect(
      events.send(new CreateConnectionCommand({ Name: 'kms', KmsKeyIdentifier: 'alias/mine', ...apiKey })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(events.send(new DeleteConnectionCommand({ Name: 'missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('deletes a connection', async () => {
    const out = await events.send(new DeleteConnectionCommand({ Name: 'oauth' }));
    expect(out.ConnectionState).toBe('DELETING');
    await expect(describeConnection('oauth')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(connections.authorization(out.ConnectionArn!)).rejects.toBeInstanceOf(ConnectionNotFound);
    expect((await events.send(new ListConnectionsCommand({}))).Connections!.map((c) => c.Name)).toEqual([
      'api-key',
      'basic',
    ]);
  });
});
