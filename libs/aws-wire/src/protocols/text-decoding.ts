import { isUtf8 } from 'node:buffer';

/** The parameters of a query-protocol request, by name (a repeated name keeps its last value). */
export type QueryParams = ReadonlyMap<string, string>;

/**
 * Decodes UTF-8 without losing what is not UTF-8: each byte of an invalid sequence becomes the lone
 * surrogate U+DC80–U+DCFF (Python's "surrogateescape"), instead of U+FFFD. A lone surrogate is not a
 * character any AWS service accepts in text, so a body with invalid bytes is refused as such by the
 * service's own character rules (SQS: InvalidMessageContents) rather than stored altered, with digests
 * that no longer match what the client sent. Valid text (the usual case) takes Node's fast path.
 */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      out += String.fromCharCode(0xdc00 + bytes[i]);
      i++;
    } else {
      out += Buffer.from(bytes.subarray(i, i + length)).toString('utf8');
      i += length;
    }
  }
  return out;
}

/** The length of the well-formed UTF-8 sequence at `i` (RFC 3629), or 0 when there is none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) =>
    i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * Reads `application/x-www-form-urlencoded` text (a query string or a query-protocol body) into
 * `into`: `+` is a space, `%XX` a byte, the bytes are UTF-8 decoded as `decodeUtf8Strict` does, and a
 * `%` not followed by two hex digits stays as written.
 */
export function readFormEncoded(text: string, into: Map<string, string>): Map<string, string> {
  if (text.length === 0) return into;
  for (const pair of text.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const key = decodeFormComponent(eq < 0 ? pair : pair.slice(0, eq));
    into.set(key, eq < 0 ? '' : decodeFormComponent(pair.slice(eq + 1)));
  }
  return into;
}

function decodeFormComponent(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  const bytes: number[] = [];
  for (let i = 0; i < spaced.length; i++) {
    const c = spaced.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(spaced.slice(i + 1, i + 3))) {
      bytes.push(parseInt(spaced.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else if (c >= 0xdc80 && c <= 0xdcff) {
      // An invalid byte of the raw body, escaped by decodeUtf8Strict: the byte itself.
      bytes.push(c - 0xdc00);
    } else {
      // A raw non-ASCII character (clients encode these, but need not): its own UTF-8 bytes.
      const cp = spaced.codePointAt(i)!;
      for (const b of Buffer.from(String.fromCodePoint(cp), 'utf8')) bytes.push(b);
      if (cp > 0xffff) i++;
    }
  }
  return decodeUtf8Strict(Uint8Array.from(bytes));
}
