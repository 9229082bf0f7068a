import { loadRuntimeConfig, runtimeSettings, type RuntimeConfig } from '@switchyard/runtime';
import { loadTopicsConfig, TOPICS_SETTINGS, type TopicsOptions } from '@switchyard/topics';

const PORT = 4566;

/** The topic gateway's settings, as `--help` lists them. */
export const TOPIC_GATEWAY_SETTINGS = [...runtimeSettings({ port: PORT }), ...TOPICS_SETTINGS];

/** The topic gateway's settings: the shared ones plus the topic service's. */
export interface TopicGatewayConfig extends RuntimeConfig {
  readonly topics: TopicsOptions;
}

/** The topic gateway's configuration, read once at boot from the environment. */
export function loadTopicGatewayConfig(
  env: Record<string, string | undefined> = process.env,
): TopicGatewayConfig {
  const runtime = loadRuntimeConfig(env, { port: PORT });
  return { ...runtime, topics: loadTopicsConfig(env, runtime) };
}
