import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError, CommonErrors } from './aws-error';

/** The SigV4 fields a request carries, in its Authorization header or presigned query parameters. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: string[];
  readonly signature: string;
  readonly amzDate: string;
  readonly presigned: boolean;
  /** Presigned requests: how many seconds after `amzDate` the signature holds (`X-Amz-Expires`). */
  readonly expiresSeconds?: number;
}

/** The request parts SigV4 signs. */
export interface SignableRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

const AUTH_HEADER =
  /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)/i;
const MAX_SKEW_MS = 15 * 60 * 1000;
/** The longest a presigned request may stay valid: seven days, as AWS allows. */
const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

function header(headers: SignableRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Reads the SigV4 credential scope and signature, or undefined when the request is unsigned. */
export function readSigV4(
  req: Pick<SignableRequest, 'headers'>,
  query: ReadonlyMap<string, string> | undefined,
): SigV4Authorization | undefined {
  const auth = header(req.headers, 'authorization');
  let credential: string;
  let signedHeaders: string;
  let signature: string;
  let amzDate: string | undefined;
  let presigned = false;
  let expiresSeconds: number | undefined;
  if (auth) {
    const m = AUTH_HEADER.exec(auth);
    if (!m) return undefined;
    [, credential, signedHeaders, signature] = m;
    amzDate = header(req.headers, 'x-amz-date') ?? header(req.headers, 'date');
  } else if (query?.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    credential = query.get('X-Amz-Credential') ?? '';
    signedHeaders = query.get('X-Amz-SignedHeaders') ?? '';
    signature = query.get('X-Amz-Signature') ?? '';
    amzDate = query.get('X-Amz-Date') ?? undefined;
    presigned = true;
    const expires = query.get('X-Amz-Expires') ?? '';
    expiresSeconds = /^\d+$/.test(expires) ? Number(expires) : NaN;
    if (!(expiresSeconds >= 1 && expiresSeconds <= MAX_PRESIGNED_EXPIRES_SECONDS)) {
      throw new AwsError(
        CommonErrors.IncompleteSignature,
        `X-Amz-Expires must be a whole number of seconds from 1 to ${MAX_PRESIGNED_EXPIRES_SECONDS}, not '${expires}'.`,
      );
    }
  } else {
    return undefined;
  }
  const [accessKeyId, date, region, service, terminator] = credential.split('/');
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request') {
    throw new AwsError(
      CommonErrors.IncompleteSignature,
      `Credential should be scoped to a valid region, not a malformed scope: ${credential}`,
    );
  }
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders.toLowerCase().split(';'),
    signature: signature.toLowerCase(),
    amzDate: amzDate ?? '',
    presigned,
    expiresSeconds,
  };
}

/**
 * Checks that a credential scope names the service that answers and this endpoint's region, as AWS
 * does: a signature made for another service or region is not one for this request.
 */
export function checkCredentialScope(auth: SigV4Authorization, service: string, region: string): void {
  if (auth.service !== service) {
    throw new AwsError(
      CommonErrors.SignatureDoesNotMatch,
      `Credential should be scoped to correct service: '${service}'. `,
    );
  }
  if (auth.region !== region) {
    throw new AwsError(
      CommonErrors.SignatureDoesNotMatch,
      `Credential should be scoped to a valid region, not '${auth.region}'. `,
    );
  }
}

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A query component as its signer saw it. A malformed escape (`%zz`, a truncated UTF-8 sequence) is
 * kept as written: re-encoded, it cannot match what any signer computed, so the request fails as
 * SignatureDoesNotMatch rather than with an exception.
 */
function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

function canonicalQuery(rawQuery: string, presigned: boolean): string {
  if (!rawQuery) return '';
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : decodeComponent(part.slice(eq + 1));
    if (presigned && k === 'X-Amz-Signature') continue;
    pairs.push([encodeRfc3986(k), encodeRfc3986(v)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function canonicalPath(path: string): string {
  return (
    path
      .split('/')
      .map((segment) => encodeRfc3986(segment))
      .join('/') || '/'
  );
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Signing keys derived lately: one per secret, day, region and service, as signers keep them. */
const signingKeys = new Map<string, Buffer>();
const SIGNING_KEYS_KEPT = 256;

/** The key a signature of that day, region and service is made with (four HMACs, derived once). */
function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${secret}\n${date}\n${region}\n${service}`;
  let key = signingKeys.get(id);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
    if (signingKeys.size >= SIGNING_KEYS_KEPT) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

function parseAmzDate(amzDate: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const t = Date.parse(amzDate);
  return Number.isNaN(t) ? undefined : t;
}

/** Verifies a SigV4 signature against the known secret keys; throws AWS's error when it does not hold. */
export function verifySigV4(
  req: SignableRequest,
  auth: SigV4Authorization,
  secretFor: (accessKeyId: string) => string | undefined,
  now: number,
): void {
  const secret = secretFor(auth.accessKeyId);
  if (secret === undefined) {
    throw new AwsError(
      CommonErrors.InvalidClientTokenId,
      'The security token included in the request is invalid.',
    );
  }
  const signedAt = parseAmzDate(auth.amzDate);
  if (signedAt === undefined) {
    throw new AwsError(
      CommonErrors.IncompleteSignature,
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  checkSigningTime(auth, signedAt, now);
  const canonicalHeaders = auth.signedHeaders
    .map((name) => `${name}:${(header(req.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const key = signingKey(secret, auth.date, auth.region, auth.service);
  const matches = (payloadHash: string): boolean => {
    const canonicalRequest = [
      req.method.toUpperCase(),
      canonicalPath(req.path),
      canonicalQuery(req.rawQuery, auth.presigned),
      canonicalHeaders,
      auth.signedHeaders.join(';'),
      payloadHash,
    ].join('\n');
    const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
    const stringToSign = [
      'AWS4-HMAC-SHA256',
      auth.amzDate,
      scope,
      createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
    ].join('\n');
    const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
    const given = Buffer.from(auth.signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const declared = header(req.headers, 'x-amz-content-sha256');
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  if (declared !== undefined && declared !== UNSIGNED_PAYLOAD && declared !== bodyHash)
    throw signatureMismatch();
  if (matches(declared ?? bodyHash)) return;
  // Presigned requests are signed over the body's hash by most signers and over UNSIGNED-PAYLOAD by
  // others (S3 style); either is a signature made with the secret.
  if (auth.presigned && declared === undefined && matches(UNSIGNED_PAYLOAD)) return;
  throw signatureMismatch();
}

/**
 * A signature holds for 15 minutes either side of its time; a presigned one from 15 minutes before
 * its time until `X-Amz-Expires` seconds after it.
 */
function checkSigningTime(auth: SigV4Authorization, signedAt: number, now: number): void {
  const iso = (t: number) => new Date(t).toISOString().replace(/[-:]|\.\d{3}/g, '');
  if (auth.presigned) {
    const expiresAt = signedAt + (auth.expiresSeconds ?? 0) * 1000;
    if (now > expiresAt) {
      throw new AwsError(
        CommonErrors.RequestExpired,
        `Request has expired: it was signed at ${auth.amzDate} for ${auth.expiresSeconds} seconds, until ${iso(expiresAt)}.`,
      );
    }
    if (signedAt - now > MAX_SKEW_MS) {
      throw new AwsError(
        CommonErrors.RequestExpired,
        `Signature not yet current: ${auth.amzDate} is still later than ${iso(now + MAX_SKEW_MS)} (${iso(now)} + 15 min.)`,
      );
    }
    return;
  }
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    throw new AwsError(
      CommonErrors.RequestExpired,
      `Signature expired: ${auth.amzDate} is now earlier than ${iso(now - MAX_SKEW_MS)} (${iso(now)} - 15 min.)`,
    );
  }
}

function signatureMismatch(): AwsError {
  return new AwsError(
    CommonErrors.SignatureDoesNotMatch,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );
}
