import { createHash, hash } from 'node:crypto';

/** A message attribute as SQS digests it; binary values as base64 text (as the wire carries them) or bytes. */
export interface DigestedAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string | Uint8Array;
}

/** Hex MD5 of a UTF-8 string, as SQS reports `MD5OfMessageBody`. */
export function md5OfBody(body: string): string {
  return hash('md5', body, 'hex');
}

function toBytes(value: string | Uint8Array): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.from(value);
}

/**
 * MD5 of message attributes exactly as SQS computes it (and the SDKs verify it): attributes sorted by
 * name, each as length-prefixed name, length-prefixed data type, a transport byte (1 string, 2 binary)
 * and the length-prefixed value. Returns undefined for no attributes.
 */
export function md5OfMessageAttributes(
  attributes: Readonly<Record<string, DigestedAttribute>> | undefined,
): string | undefined {
  if (!attributes) return undefined;
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  const lengthPrefixed = (bytes: Buffer) => {
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32BE(bytes.length, 0);
    hash.update(len);
    hash.update(bytes);
  };
  for (const name of names) {
    const attr = attributes[name];
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(attr.DataType, 'utf8'));
    if (attr.BinaryValue !== undefined && attr.StringValue === undefined) {
      hash.update(Buffer.of(2));
      lengthPrefixed(toBytes(attr.BinaryValue));
    } else {
      hash.update(Buffer.of(1));
      lengthPrefixed(Buffer.from(attr.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}
