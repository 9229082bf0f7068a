import { ConfigError, intSetting, type RuntimeConfig, type SettingDoc } from '@switchyard/runtime';
import type { TopicsOptions } from './topics.options';

const DEFAULT_MAX_TOPICS = 100_000;
const DEFAULT_MAX_FIFO_TOPICS = 1_000;
const DEFAULT_FILTER_POLICIES_PER_TOPIC = 200;
const DEFAULT_FILTER_POLICIES_PER_ACCOUNT = 10_000;
const DEFAULT_EMAIL_FROM = 'no-reply@sns.switchyard.local';

/** The topic service's own settings, as `--help` lists them. */
export const TOPICS_SETTINGS: readonly SettingDoc[] = [
  {
    name: 'SWITCHYARD_TOPIC_LIMIT',
    default: `\`${DEFAULT_MAX_TOPICS}\``,
    meaning:
      "topics one account may own (AWS's default quota); CreateTopic past it answers `TopicLimitExceeded`",
  },
  {
    name: 'SWITCHYARD_FIFO_TOPIC_LIMIT',
    default: `\`${DEFAULT_MAX_FIFO_TOPICS}\``,
    meaning:
      "FIFO topics one account may own (AWS's default quota); CreateTopic past it answers `TopicLimitExceeded`",
  },
  {
    name: 'SWITCHYARD_FILTER_POLICIES_PER_TOPIC',
    default: `\`${DEFAULT_FILTER_POLICIES_PER_TOPIC}\``,
    meaning:
      "subscriptions with a filter policy one topic may have (AWS's quota); past it `FilterPolicyLimitExceeded`",
  },
  {
    name: 'SWITCHYARD_FILTER_POLICIES_PER_ACCOUNT',
    default: `\`${DEFAULT_FILTER_POLICIES_PER_ACCOUNT}\``,
    meaning:
      "subscriptions with a filter policy one account may have (AWS's quota); past it `FilterPolicyLimitExceeded`",
  },
  {
    name: 'SWITCHYARD_SMTP_URL',
    default: 'unset: no email',
    meaning:
      'SMTP relay for `email` and `email-json` subscriptions, e.g. `smtp://user:pass@mail.local:587`; unset, their deliveries fail (dead-letter queue)',
  },
  {
    name: 'SWITCHYARD_EMAIL_FROM',
    default: `\`${DEFAULT_EMAIL_FROM}\``,
    meaning: 'sender address of email deliveries',
  },
  {
    name: 'SWITCHYARD_SMS_PROVIDER',
    default: 'unset: none',
    meaning:
      '`recording`: SMS (`sms` subscriptions, Publish to a PhoneNumber) is kept, not sent, and shown at `/_sns/recorded/sms`; unset, SMS deliveries fail (dead-letter queue)',
  },
  {
    name: 'SWITCHYARD_PUSH_PROVIDER',
    default: 'unset: none',
    meaning:
      '`recording`: mobile push (`application` subscriptions) is kept, not sent, and shown at `/_sns/recorded/application`; unset, those deliveries fail (dead-letter queue)',
  },
];

/**
 * The topic service's settings, read from the environment map its app's config module passes in;
 * throws ConfigError on a bad value so the process refuses to start.
 */
export function loadTopicsConfig(
  env: Record<string, string | undefined>,
  runtime: Pick<RuntimeConfig, 'region' | 'publicUrl' | 'publicTlsUrl'>,
): TopicsOptions {
  const smtpUrl = env.SWITCHYARD_SMTP_URL || undefined;
  if (smtpUrl !== undefined && (!/^smtps?:\/\//.test(smtpUrl) || !URL.canParse(smtpUrl)))
    throw new ConfigError(
      `SWITCHYARD_SMTP_URL must be an smtp:// or smtps:// URL, got "${smtpUrl.replace(/\/\/[^@/]*@/, '//***@')}"`,
    );
  const provider = (name: string): 'recording' | undefined => {
    const value = env[name] || undefined;
    if (value !== undefined && value !== 'recording')
      throw new ConfigError(`${name} must be "recording" or unset, got "${value}"`);
    return value;
  };
  return {
    smsProvider: provider('SWITCHYARD_SMS_PROVIDER'),
    pushProvider: provider('SWITCHYARD_PUSH_PROVIDER'),
    smtpUrl,
    emailFrom: env.SWITCHYARD_EMAIL_FROM || DEFAULT_EMAIL_FROM,
    region: runtime.region,
    publicUrl: runtime.publicUrl,
    publicTlsUrl: runtime.publicTlsUrl,
    maxTopicsPerAccount: intSetting(env, 'SWITCHYARD_TOPIC_LIMIT', DEFAULT_MAX_TOPICS, 1, 10_000_000),
    maxFifoTopicsPerAccount: intSetting(
      env,
      'SWITCHYARD_FIFO_TOPIC_LIMIT',
      DEFAULT_MAX_FIFO_TOPICS,
      1,
      10_000_000,
    ),
    maxFilterPoliciesPerTopic: intSetting(
      env,
      'SWITCHYARD_FILTER_POLICIES_PER_TOPIC',
      DEFAULT_FILTER_POLICIES_PER_TOPIC,
      1,
      10_000_000,
    ),
    maxFilterPoliciesPerAccount: intSetting(
      env,
      'SWITCHYARD_FILTER_POLICIES_PER_ACCOUNT',
      DEFAULT_FILTER_POLICIES_PER_ACCOUNT,
      1,
      100_000_000,
    ),
  };
}
