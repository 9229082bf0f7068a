import { createPrivateKey, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient, RedisKeys } from '@switchyard/redis';
import { TOPICS_OPTIONS, type TopicsOptions } from '../topics.options';

/** The fields of a message that SNS signs, by AWS's names. */
export interface SignedFields {
  readonly Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Message: string;
  readonly Timestamp: string;
  readonly Subject?: string;
  readonly SubscribeURL?: string;
  readonly Token?: string;
}

/**
 * Signs messages as SNS does: RSA over AWS's string to sign, SHA1 for SignatureVersion 1 and SHA256
 * for 2. The key pair is made once and kept in Redis, so every process signs with the same key.
 */
@Injectable()
export class MessageSigner {
  private key?: Promise<KeyObject>;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  /** Where the signing certificate is published (an https URL ending in .pem). */
  get signingCertUrl(): string {
    return `${this.options.publicUrl}/_sns/SimpleNotificationService-switchyard.pem`;
  }

  /** The base64 signature of a message, for SignatureVersion `version`. */
  async sign(fields: SignedFields, version: '1' | '2'): Promise<string> {
    const signer = createSign(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
    signer.update(stringToSign(fields), 'utf8');
    return signer.sign(await this.privateKey(), 'base64');
  }

  private privateKey(): Promise<KeyObject> {
    this.key ??= this.loadKey().catch((e) => {
      this.key = undefined;
      throw e;
    });
    return this.key;
  }

  private async loadKey(): Promise<KeyObject> {
    const slot = this.keys.snsSigningKey();
    const stored = await this.redis.get(slot);
    if (stored) return createPrivateKey(stored);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // The first process to store a key wins; every other one uses it.
    await this.redis.set(slot, pem, 'NX');
    return createPrivateKey((await this.redis.get(slot)) ?? pem);
  }
}

/**
 * AWS's string to sign: each present field's name and value on lines of their own, in the fixed
 * order AWS documents for the message type.
 */
export function stringToSign(fields: SignedFields): string {
  const order =
    fields.Type === 'Notification'
      ? (['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const)
      : (['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const);
  let out = '';
  for (const name of order) {
    const value = fields[name];
    if (value !== undefined) out += `${name}\n${value}\n`;
  }
  return out;
}
