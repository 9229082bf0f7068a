import { intSetting, type RuntimeConfig, type SettingDoc } from '@switchyard/runtime';
import type { QueuesOptions } from './queues.options';

const DEFAULT_DELETE_COOLDOWN_SECONDS = 60;
/** AWS's quota of in-flight messages per queue, standard and FIFO alike. */
const DEFAULT_MAX_IN_FLIGHT = 120_000;

/** The queue service's own settings, as `--help` lists them. */
export const QUEUES_SETTINGS: readonly SettingDoc[] = [
  {
    name: 'SWITCHYARD_QUEUE_DELETE_COOLDOWN_SECONDS',
    default: `\`${DEFAULT_DELETE_COOLDOWN_SECONDS}\``,
    meaning:
      'after DeleteQueue, CreateQueue of the same name answers `QueueDeletedRecently` this long, as on AWS; `0` turns it off (handy for test suites that recreate queues)',
  },
  {
    name: 'SWITCHYARD_QUEUE_MAX_IN_FLIGHT',
    default: `\`${DEFAULT_MAX_IN_FLIGHT}\``,
    meaning:
      "messages a queue may have in flight (received, not deleted) at once, as AWS's quota: past it a standard queue answers a short-poll ReceiveMessage with `OverLimit`, and long polls and FIFO queues return no messages",
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
    maxInFlight: intSetting(env, 'SWITCHYARD_QUEUE_MAX_IN_FLIGHT', DEFAULT_MAX_IN_FLIGHT, 1, 100_000_000),
  };
}
