import { intSetting, type RuntimeConfig, type SettingDoc } from '@switchyard/runtime';
import type { QueuesOptions } from './queues.options';

const DEFAULT_DELETE_COOLDOWN_SECONDS = 60;

/** The queue service's own settings, as `--help` lists them. */
export const QUEUES_SETTINGS: readonly SettingDoc[] = [
  {
    name: 'SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS',
    default: `\`${DEFAULT_DELETE_COOLDOWN_SECONDS}\``,
    meaning:
      'after DeleteQueue, CreateQueue of the same name answers `QueueDeletedRecently` this long, as on AWS; `0` turns it off (handy for test suites that recreate queues)',
  },
];

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
    deleteCooldownSeconds: intSetting(
      env,
      'SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS',
      DEFAULT_DELETE_COOLDOWN_SECONDS,
      0,
      3600,
    ),
  };
}
