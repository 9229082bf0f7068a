import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;

/** A sealed secret that cannot be opened: altered, sealed for something else, or with another key. */
export class UnreadableSecret extends Error {
  constructor(reason: string) {
    super(`the sealed secret cannot be opened: ${reason}`);
    this.name = 'UnreadableSecret';
  }
}

/** A short, non-secret name of a key, so a secret sealed with another key is told apart from a damaged one. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Seals text with AES-256-GCM under `key` (32 bytes), bound to `context` (authenticated, not
 * stored: the connection's ARN, so a sealed value moved to another connection does not open):
 * `v1.<key id>.<iv>.<tag>.<ciphertext>`, base64url parts.
 */
export function sealSecret(key: Buffer, context: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, keyId(key), iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Opens what `sealSecret` sealed with the same key and context; UnreadableSecret otherwise. */
export function openSecret(key: Buffer, context: string, sealed: string): string {
  const [version, id, iv, tag, ciphertext] = sealed.split('.');
  if (version !== VERSION || ciphertext === undefined) throw new UnreadableSecret('not a sealed secret');
  if (id !== keyId(key))
    throw new UnreadableSecret(`it was sealed with another key (${id}; the key in use is ${keyId(key)})`);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new UnreadableSecret('it was altered, or sealed for another connection');
  }
}
