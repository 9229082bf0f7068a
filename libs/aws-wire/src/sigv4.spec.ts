import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsError } from './aws-error';
import { checkCredentialScope, readSigV4, verifySigV4 } from './sigv4';

function toBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The SDK signer's checksum interface over node:crypto. */
class Sha256 {
  private hash: Hash | Hmac;
  private readonly secret?: string | Uint8Array;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret = secret === undefined || typeof secret === 'string' ? secret : toBytes(secret);
    this.hash = this.secret ? createHmac('sha256', this.secret) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(typeof data === 'string' ? data : toBytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
  reset() {
    this.hash = this.secret ? createHmac('sha256', this.secret) : createHash('sha256');
  }
}

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const secrets = (id: string) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined);

function signer(service = 'sqs', region = 'us-east-1') {
  return new SignatureV4({ credentials, region, service, sha256: Sha256 });
}

/** A request as the router sees it, from what a signer produced. */
function asReceived(
  request: { path: string; query?: Record<string, unknown>; headers: Record<string, string> },
  method: string,
  body: string,
) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
  const rawQuery = new URLSearchParams((request.query ?? {}) as Record<string, string>).toString();
  return { method, path: request.path, rawQuery, headers, body: Buffer.from(body) };
}

function codeOf(f: () => void): string {
  try {
    f();
  } catch (e) {
    return (e as AwsError).code;
  }
  return 'none';
}

async function presigned(
  now: Date,
  expiresIn: number,
  query: Record<string, string> = { Action: 'ListQueues' },
) {
  const request = await signer().presign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: 'localhost',
      port: 4566,
      path: '/',
      query,
      headers: { host: 'localhost:4566' },
    },
    { signingDate: now, expiresIn },
  );
  return asReceived(request, 'GET', '');
}

async function signed(body: string, now: Date, path = '/', query: Record<string, string> = {}) {
  const request = await signer().sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: 'localhost',
      port: 4566,
      path,
      query,
      headers: {
        host: 'localhost:4566',
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.ListQueues',
      },
      body,
    },
    { signingDate: now },
  );
  return asReceived(request, 'POST', body);
}

describe('SigV4 verification', () => {
  const now = new Date('2026-11-24T12:00:00Z');

  it('accepts a request signed by the AWS SDK signer, and reads its credential scope', async () => {
    const req = await signed('{"QueueNamePrefix":"a b/ü"}', now, '/000000000000/q', { x: 'a b' });
    const auth = readSigV4(req, undefined)!;
    expect(auth).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'sqs' });
    expect(() => verifySigV4(req, auth, secrets, now.getTime())).not.toThrow();
  });

  it('refuses a changed body, an unknown key and an old signature with AWS error codes', async () => {
    const req = await signed('{}', now);
    const auth = readSigV4(req, undefined)!;
    const code = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return (e as AwsError).code;
      }
      return 'none';
    };
    expect(
      code(() => verifySigV4({ ...req, body: Buffer.from('{"x":1}') }, auth, secrets, now.getTime())),
    ).toBe('SignatureDoesNotMatch');
    expect(code(() => verifySigV4(req, auth, () => undefined, now.getTime()))).toBe('InvalidClientTokenId');
    expect(code(() => verifySigV4(req, auth, secrets, now.getTime() + 16 * 60 * 1000))).toBe(
      'RequestExpired',
    );
  });

  it('accepts a presigned URL made with the default signer settings until X-Amz-Expires, then RequestExpired', async () => {
    const req = await presigned(now, 300);
    const auth = readSigV4(req, new Map(new URLSearchParams(req.rawQuery)))!;
    expect(auth).toMatchObject({ presigned: true, expiresSeconds: 300 });
    expect(codeOf(() => verifySigV4(req, auth, secrets, now.getTime() + 299_000))).toBe('none');
    expect(codeOf(() => verifySigV4(req, auth, secrets, now.getTime() + 301_000))).toBe('RequestExpired');
    expect(codeOf(() => verifySigV4(req, auth, secrets, now.getTime() - 16 * 60 * 1000))).toBe(
      'RequestExpired',
    );
    const tampered = { ...req, rawQuery: req.rawQuery.replace('ListQueues', 'PurgeQueue') };
    expect(codeOf(() => verifySigV4(tampered, auth, secrets, now.getTime()))).toBe('SignatureDoesNotMatch');
  });

  it('refuses a presigned URL without a usable X-Amz-Expires', async () => {
    const req = await presigned(now, 300);
    for (const expires of ['', 'soon', '0', '604801']) {
      const query = new URLSearchParams(req.rawQuery);
      query.set('X-Amz-Expires', expires);
      expect(codeOf(() => readSigV4(req, new Map(query)))).toBe('IncompleteSignature');
    }
  });

  it('accepts a credential scope only for the service that answers and this region', async () => {
    const req = await signed('{}', now);
    const auth = readSigV4(req, undefined)!;
    expect(codeOf(() => checkCredentialScope(auth, 'sqs', 'us-east-1'))).toBe('none');
    expect(codeOf(() => checkCredentialScope(auth, 'sns', 'us-east-1'))).toBe('SignatureDoesNotMatch');
    expect(codeOf(() => checkCredentialScope(auth, 'sqs', 'eu-west-1'))).toBe('SignatureDoesNotMatch');
  });

  it('answers a malformed escape in a signed query string with SignatureDoesNotMatch, not an exception', async () => {
    const req = await signed('{}', now, '/', { Action: 'ListQueues' });
    const auth = readSigV4(req, undefined)!;
    for (const bad of ['%zz', '%', '%E0%A4%A']) {
      const broken = { ...req, rawQuery: `${req.rawQuery}&x=${bad}` };
      expect(codeOf(() => verifySigV4(broken, auth, secrets, now.getTime()))).toBe('SignatureDoesNotMatch');
    }
  });

  it('treats a request without Authorization as unsigned', () => {
    expect(readSigV4({ headers: {} }, undefined)).toBeUndefined();
  });
});
