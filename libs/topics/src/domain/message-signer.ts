import { createSign } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TlsIdentity } from '@switchyard/runtime';
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

/** Where the signing certificate is served, below the deployment's public https URL. */
export const SIGNING_CERT_PATH = '/_sns/SimpleNotificationService-switchyard.pem';

/**
 * Signs messages as SNS does: RSA over AWS's string to sign, SHA1 for SignatureVersion 1 and SHA256
 * for 2, with the deployment's own key (`TlsIdentity`, shared by every process through Redis), whose
 * certificate is served at SigningCertURL over HTTPS.
 */
@Injectable()
export class MessageSigner {
  constructor(
    private readonly identity: TlsIdentity,
    @Inject(TOPICS_OPTIONS) private readonly options: TopicsOptions,
  ) {}

  /** Where the signing certificate is published (an https URL ending in .pem). */
  get signingCertUrl(): string {
    return `${this.options.publicTlsUrl}${SIGNING_CERT_PATH}`;
  }

  /** The base64 signature of a message, for SignatureVersion `version`. */
  async sign(fields: SignedFields, version: '1' | '2'): Promise<string> {
    const signer = createSign(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
    signer.update(stringToSign(fields), 'utf8');
    return signer.sign(await this.identity.key(), 'base64');
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
