import { readFileSync } from 'node:fs';
import { createPrivateKey, type KeyObject, webcrypto } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as x509 from '@peculiar/x509';
import { REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';

/** A certificate and its private key, both PEM. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
}

/** How long the self-signed certificate is valid. */
const VALID_YEARS = 10;

/**
 * This deployment's own certificate: self-signed for localhost and 127.0.0.1, made by the first
 * process that needs it and kept in Redis, so every process (every gateway's HTTPS port, every
 * executor signing SNS messages) uses the same key and certificate.
 */
@Injectable()
export class TlsIdentity {
  private material?: Promise<TlsMaterial>;
  private signingKey?: Promise<KeyObject>;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  /** The certificate and key, made on first use. */
  get(): Promise<TlsMaterial> {
    this.material ??= this.load().catch((e) => {
      this.material = undefined;
      throw e;
    });
    return this.material;
  }

  /** The private key, to sign with. */
  key(): Promise<KeyObject> {
    this.signingKey ??= this.get().then((m) => createPrivateKey(m.key));
    return this.signingKey;
  }

  private async load(): Promise<TlsMaterial> {
    const slot = this.keys.tlsIdentity();
    const stored = await this.redis.get(slot);
    if (stored) return JSON.parse(stored) as TlsMaterial;
    // The first process to store one wins; every other one uses it.
    await this.redis.set(slot, JSON.stringify(await selfSigned()), 'NX');
    return JSON.parse((await this.redis.get(slot))!) as TlsMaterial;
  }
}

/** A certificate and key from configured PEM files. */
export function tlsMaterialFromFiles(certFile: string, keyFile: string): TlsMaterial {
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

/** A new RSA key and a self-signed certificate for localhost and 127.0.0.1. */
async function selfSigned(): Promise<TlsMaterial> {
  const crypto = webcrypto;
  x509.cryptoProvider.set(crypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(notBefore.getTime() + VALID_YEARS * 365 * 24 * 3600 * 1000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(crypto.getRandomValues(new Uint8Array(16)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: 'CN=Switchyard',
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true,
      ),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
      ]),
    ],
  });
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { cert: cert.toString('pem'), key };
}
