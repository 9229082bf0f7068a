import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsError } from './aws-error';
import { readSigV4, verifySigV4 } from './sigv4';

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

async function signed(body: string, now: Date, path = '/', query: Record<string, string> = {}) {
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'sqs', sha256: Sha256 });
  const request = await signer.sign(
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
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
  const rawQuery = new URLSearchParams(query).toString();
  return { method: 'POST', path, rawQuery, headers, body: Buffer.from(body) };
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

  it('treats a request without Authorization as unsigned', () => {
    expect(readSigV4({ headers: {} }, undefined)).toBeUndefined();
  });
});
