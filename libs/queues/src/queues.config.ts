import { intSetting, type RuntimeConfig } from '@switchyard/runtime';
import type { QueuesOptions } from './queues.options';

/**
 * The queue service's settings, read from the environment map its app's config module passes in;
 * throws ConfigError on a bad value so the process refuses to start.
 */
export function loadQueuesConfig(
  env: Record<string, string | undefined>,
  runtime: Pick<RuntimeConfig, 'publicUrl' | 'region'>,
): QueuesOptions {
  return {
    publicUrl: runtime.publicUrl,
    region: runtime.region,
    deleteCooldownSeconds: intSetting(env, 'SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS', 60, 0, 3600),
  };
}
