import { createHmac, timingSafeEqual } from 'node:crypto';

/** The console's session cookie. */
export const SESSION_COOKIE = 'sy_console';
/** How long a console session lasts: 12 hours. */
export const SESSION_SECONDS = 12 * 60 * 60;

/**
 * The MAC of a session token: HMAC-SHA256 keyed with the credential's secret over
 * `<accessKeyId>|<expiry>`, so any replica that knows the credential verifies it, and changing or
 * removing the credential ends every session made with it.
 */
function mac(accessKeyId: string, expiresAt: number, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${accessKeyId}|${expiresAt}`).digest();
}

/** A session token for a credential, valid until `expiresAt` (epoch seconds): `<accessKeyId>.<expiry>.<mac, base64url>`. */
export function signSessionToken(accessKeyId: string, secret: string, expiresAt: number): string {
  return `${accessKeyId}.${expiresAt}.${mac(accessKeyId, expiresAt, secret).toString('base64url')}`;
}

/**
 * The access key id a session token was made for, when the token is well formed, unexpired at `now`
 * (epoch seconds) and signed with that key's configured secret; otherwise undefined.
 */
export function verifySessionToken(
  token: string,
  credentials: ReadonlyMap<string, string>,
  now: number,
): string | undefined {
  const macAt = token.lastIndexOf('.');
  const expiryAt = token.lastIndexOf('.', macAt - 1);
  if (expiryAt <= 0) return undefined;
  const accessKeyId = token.slice(0, expiryAt);
  const expiryText = token.slice(expiryAt + 1, macAt);
  if (!/^\d{1,12}$/.test(expiryText)) return undefined;
  const expiresAt = Number(expiryText);
  if (expiresAt <= now) return undefined;
  const secret = credentials.get(accessKeyId);
  if (secret === undefined) return undefined;
  const given = Buffer.from(token.slice(macAt + 1), 'base64url');
  const expected = mac(accessKeyId, expiresAt, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? accessKeyId : undefined;
}

/**
 * Whether a key pair is one of the configured credentials, compared in constant time (the secrets'
 * digests are compared, so neither their length nor an unknown key id shows in the time taken).
 */
export function credentialsMatch(
  credentials: ReadonlyMap<string, string>,
  accessKeyId: string,
  secretAccessKey: string,
): boolean {
  const secret = credentials.get(accessKeyId);
  const digest = (text: string) => createHmac('sha256', 'switchyard-console').update(text).digest();
  const same = timingSafeEqual(digest(secret ?? `\0${secretAccessKey}`), digest(secretAccessKey));
  return secret !== undefined && same;
}

/** The value of cookie `name` in a Cookie header, if present. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie value that starts a session, or (`token` undefined) ends it. */
export function sessionCookie(token: string | undefined): string {
  return token === undefined
    ? `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/_console; Max-Age=0`
    : `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/_console; Max-Age=${SESSION_SECONDS}`;
}
