import { randomBytes } from 'node:crypto';
import { keyId, openSecret, sealSecret, UnreadableSecret } from './sealed-secrets';

describe('sealed connection secrets (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const arn = 'arn:aws:events:us-east-1:000000000000:connection/c/1';
  const secret = JSON.stringify({ ApiKeyValue: 'sk_live_é漢字😀' });

  it('open to what was sealed, and never show it', () => {
    const sealed = sealSecret(key, arn, secret);
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('sk_live');
    expect(openSecret(key, arn, sealed)).toBe(secret);
  });

  it('differ each time the same text is sealed (a fresh IV)', () => {
    expect(sealSecret(key, arn, secret)).not.toBe(sealSecret(key, arn, secret));
  });

  it('do not open with another key, for another connection, or altered', () => {
    const sealed = sealSecret(key, arn, secret);
    const other = randomBytes(32);
    expect(() => openSecret(other, arn, sealed)).toThrow(
      new UnreadableSecret(
        `it was sealed with another key (${keyId(key)}; the key in use is ${keyId(other)})`,
      ),
    );
    expect(() => openSecret(key, `${arn}x`, sealed)).toThrow(UnreadableSecret);
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4], 'base64url');
    flipped[0] ^= 1;
    parts[4] = flipped.toString('base64url');
    expect(() => openSecret(key, arn, parts.join('.'))).toThrow(UnreadableSecret);
    expect(() => openSecret(key, arn, 'plain text')).toThrow(UnreadableSecret);
  });
});
