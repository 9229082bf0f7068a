import { intSetting, type RuntimeConfig, type SettingDoc } from '@switchyard/runtime';
import type { TopicsOptions } from './topics.options';

const DEFAULT_MAX_TOPICS = 100_000;

/** The topic service's own settings, as `--help` lists them. */
export const TOPICS_SETTINGS: readonly SettingDoc[] = [
  {
    name: 'SWITCHYARD_TOPIC_LIMIT',
    default: `\`${DEFAULT_MAX_TOPICS}\``,
    meaning:
      "topics one account may own (AWS's default quota); CreateTopic past it answers `TopicLimitExceeded`",
  },
];

/**
 * The topic service's settings, read from the environment map its app's config module passes in;
 * throws ConfigError on a bad value so the process refuses to start.
 */
export function loadTopicsConfig(
  env: Record<string, string | undefined>,
  runtime: Pick<RuntimeConfig, 'region'>,
): TopicsOptions {
  return {
    region: runtime.region,
    maxTopicsPerAccount: intSetting(env, 'SWITCHYARD_TOPIC_LIMIT', DEFAULT_MAX_TOPICS, 1, 10_000_000),
  };
}
