/** Injection token of the topic module's settings. */
export const TOPICS_OPTIONS = Symbol('TOPICS_OPTIONS');

/** Settings the topic module takes from its app's config. */
export interface TopicsOptions {
  readonly region: string;
  /** Base of the URLs deliveries carry (UnsubscribeURL, SubscribeURL, SigningCertURL). */
  readonly publicUrl: string;
  /** Base of the https URLs deliveries carry (SigningCertURL). */
  readonly publicTlsUrl: string;
  /** Topics one account may own (AWS's default quota: 100,000 standard topics). */
  readonly maxTopicsPerAccount: number;
  /** FIFO topics one account may own (AWS's default quota: 1,000). */
  readonly maxFifoTopicsPerAccount: number;
  /** Subscriptions with a filter policy one topic may have (AWS's quota: 200). */
  readonly maxFilterPoliciesPerTopic: number;
  /** Subscriptions with a filter policy one account may have (AWS's quota: 10,000). */
  readonly maxFilterPoliciesPerAccount: number;
  /** The SMTP relay email subscriptions are sent through (`smtp://` or `smtps://` URL); unset: email is not delivered. */
  readonly smtpUrl?: string;
  /** The sender of email deliveries. */
  readonly emailFrom: string;
  /** Who sends SMS (`sms` subscriptions, Publish to a PhoneNumber): `recording`, or none. */
  readonly smsProvider?: 'recording';
  /** Who sends mobile push (`application` subscriptions): `recording`, or none. */
  readonly pushProvider?: 'recording';
}
